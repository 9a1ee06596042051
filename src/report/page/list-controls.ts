import type { ReportData } from '../report-data.js'
import { el, fill } from './dom.js'
import type { ListQuery, Outcome, SortKey } from './list-query.js'

/** Sorts that put the largest first when chosen. */
const LARGEST_FIRST: ReadonlySet<SortKey> = new Set(['duration', 'tokens', 'llmCalls'])

/** The text filter, the outcome filter, the sort and its direction; `apply` gets each change. */
export function listControls(
  data: ReportData,
  current: () => ListQuery,
  apply: (query: ListQuery) => void,
): HTMLElement {
  const text = el('input', {
    id: 'filter-text',
    type: 'search',
    placeholder: 'Filter by name, file or error',
    autocomplete: 'off',
  })
  text.addEventListener('input', () => apply({ ...current(), text: text.value }))
  const outcome = dropdown('Outcome', 'outcome', outcomeChoices(data))
  outcome.select.addEventListener('change', () =>
    apply({ ...current(), outcome: outcome.select.value as Outcome }),
  )
  const direction = directionButton(current, apply)
  const sort = dropdown('Sort by', 'sort', sortChoices(data))
  sort.select.addEventListener('change', () => {
    const key = sort.select.value as SortKey
    apply({ ...current(), sort: key, descending: LARGEST_FIRST.has(key) })
    direction.show()
  })
  return el(
    'div',
    { class: 'list-controls', role: 'search' },
    el('label', { class: 'control grow' }, el('span', {}, 'Filter'), text),
    outcome.label,
    sort.label,
    direction.element,
  )
}

function outcomeChoices(data: ReportData): [Outcome, string][] {
  const choices: [Outcome, string][] = [
    ['all', 'All outcomes'],
    ['passed', 'Passed'],
    ['failed', 'Failed'],
    ['skipped', 'Skipped'],
  ]
  if (data.comparison !== null) choices.push(['changed', 'Changed from the baseline'])
  return choices
}

function sortChoices(data: ReportData): [SortKey, string][] {
  return [
    ['order', 'Run order'],
    ['name', 'Name'],
    ['duration', 'Duration'],
    ['tokens', 'Tokens'],
    ['llmCalls', 'LLM calls'],
    ...data.scoreNames.map((name): [SortKey, string] => [`score:${name}`, `Score: ${name}`]),
  ]
}

/** The button that turns the sort around; `show` redraws it after the sort changed. */
function directionButton(
  current: () => ListQuery,
  apply: (query: ListQuery) => void,
): { element: HTMLButtonElement; show(): void } {
  const element = el('button', { type: 'button', id: 'sort-direction' })
  const show = (): void => {
    const { descending } = current()
    fill(element, descending ? '↓' : '↑')
    element.setAttribute('aria-label', descending ? 'Descending' : 'Ascending')
    element.title = `${descending ? 'Descending' : 'Ascending'}: click to turn around`
  }
  element.addEventListener('click', () => {
    apply({ ...current(), descending: !current().descending })
    show()
  })
  show()
  return { element, show }
}

function dropdown(
  label: string,
  id: string,
  options: readonly (readonly [string, string])[],
): { label: HTMLElement; select: HTMLSelectElement } {
  const select = el(
    'select',
    { id },
    ...options.map(([value, text]) => el('option', { value }, text)),
  )
  return { label: el('label', { class: 'control' }, el('span', {}, label), select), select }
}
