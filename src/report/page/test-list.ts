import type { ReportData, ReportTest } from '../report-data.js'
import { el, fill } from './dom.js'
import { count, duration, plural, score } from './format.js'
import { movedTo } from './keys.js'
import { DEFAULT_QUERY, visibleTests } from './list-query.js'
import type { ListQuery, Outcome, SortKey } from './list-query.js'
import { virtualRows } from './virtual-rows.js'

const ROW_HEIGHT_PX = 48
const STATE_MARKS = { passed: '✓', failed: '✗', skipped: '○' } as const

/** Sorts that put the largest first when chosen. */
const LARGEST_FIRST: ReadonlySet<SortKey> = new Set(['duration', 'tokens', 'llmCalls'])

/** The test list: its filters, its sort, and the rows; `onSelect` gets a test's index. */
export function testList(data: ReportData, onSelect: (test: number) => void): HTMLElement {
  const { tests } = data
  let query: ListQuery = DEFAULT_QUERY
  let shown = visibleTests(tests, query)
  let selected = -1
  const countLine = el('p', { class: 'list-count', 'aria-live': 'polite' })
  const rows = virtualRows(ROW_HEIGHT_PX, (position) => testRow(shown[position] as number), {
    class: 'test-rows',
    role: 'listbox',
    tabindex: '0',
    'aria-label': 'Tests',
  })

  function testRow(index: number): HTMLElement {
    const test = tests[index] as ReportTest
    const change = changeLabel(test)
    const row = el(
      'div',
      {
        id: `test-${index}`,
        role: 'option',
        class: `test-row ${test.state}${index === selected ? ' selected' : ''}`,
        'aria-selected': String(index === selected),
        'aria-label': [test.name, test.state, change, test.file, facts(test)]
          .filter((part) => part !== null)
          .join(', '),
        'data-test': index,
      },
      el('span', { class: `mark ${test.state}`, 'aria-hidden': 'true' }, STATE_MARKS[test.state]),
      el('span', { class: 'test-name' }, test.name),
      change === null ? null : changeBadge(change, test),
      el('span', { class: 'test-meta' }, test.file, ' · ', facts(test)),
    )
    row.title = `${test.file} > ${test.name}${test.error === null ? '' : `\n${test.error}`}`
    return row
  }

  function facts(test: ReportTest): string {
    const parts = [duration(test.durationMs), plural(test.tokens, 'token')]
    if (query.sort.startsWith('score:')) {
      const name = query.sort.slice('score:'.length)
      const value = Object.hasOwn(test.scores, name) ? test.scores[name] : undefined
      parts.push(`${name} ${value === undefined ? '–' : score(value)}`)
    }
    return parts.join(' · ')
  }

  function select(index: number): void {
    selected = index
    rows.element.setAttribute('aria-activedescendant', `test-${index}`)
    rows.reveal(shown.indexOf(index))
    onSelect(index)
  }

  function apply(next: ListQuery): void {
    query = next
    shown = visibleTests(tests, query)
    fill(countLine, `${count(shown.length)} of ${plural(tests.length, 'test')}`)
    if (!shown.includes(selected)) rows.element.removeAttribute('aria-activedescendant')
    rows.setCount(shown.length)
  }

  rows.element.addEventListener('click', (event) => {
    const row = (event.target as Element).closest('[data-test]')
    if (row === null) return
    select(Number(row.getAttribute('data-test')))
    rows.element.focus()
  })
  rows.element.addEventListener('keydown', (event) => {
    const page = Math.max(1, Math.floor(rows.element.clientHeight / ROW_HEIGHT_PX) - 1)
    const next = movedTo(event.key, shown.indexOf(selected), shown.length, page)
    if (next === undefined) return
    event.preventDefault()
    select(shown[next] as number)
  })
  const controls = listControls(data, () => query, apply)
  apply(query)
  return el(
    'section',
    { class: 'test-list', 'aria-label': 'Tests' },
    controls,
    countLine,
    rows.element,
  )
}

/** `changed`, `new` or `removed` when comparing and the test changed; null otherwise. */
function changeLabel(test: ReportTest): string | null {
  const change = test.change
  if (change === null || change.kinds.length === 0) return null
  return change.presence === 'head' ? 'new' : change.presence === 'base' ? 'removed' : 'changed'
}

function changeBadge(label: string, test: ReportTest): HTMLElement {
  const badge = el('span', { class: `badge change ${label}` }, label)
  badge.title = test.change?.kinds.join(', ') ?? ''
  return badge
}

/** The outcome filter, the text filter, the sort and its direction. */
function listControls(
  data: ReportData,
  current: () => ListQuery,
  apply: (query: ListQuery) => void,
): HTMLElement {
  const outcomes: [Outcome, string][] = [
    ['all', 'All outcomes'],
    ['passed', 'Passed'],
    ['failed', 'Failed'],
    ['skipped', 'Skipped'],
  ]
  if (data.comparison !== null) outcomes.push(['changed', 'Changed from the baseline'])
  const outcome = dropdown('Outcome', 'outcome', outcomes)
  const sorts: [SortKey, string][] = [
    ['order', 'Run order'],
    ['name', 'Name'],
    ['duration', 'Duration'],
    ['tokens', 'Tokens'],
    ['llmCalls', 'LLM calls'],
    ...data.scoreNames.map((name): [SortKey, string] => [`score:${name}`, `Score: ${name}`]),
  ]
  const sort = dropdown('Sort by', 'sort', sorts)
  const text = el('input', {
    id: 'filter-text',
    type: 'search',
    placeholder: 'Filter by name, file or error',
    autocomplete: 'off',
  })
  const direction = el('button', { type: 'button', id: 'sort-direction' })
  const showDirection = (): void => {
    const { descending } = current()
    fill(direction, descending ? '↓' : '↑')
    direction.setAttribute('aria-label', descending ? 'Descending' : 'Ascending')
    direction.title = descending
      ? 'Descending: click for ascending'
      : 'Ascending: click for descending'
  }
  outcome.select.addEventListener('change', () =>
    apply({ ...current(), outcome: outcome.select.value as Outcome }),
  )
  text.addEventListener('input', () => apply({ ...current(), text: text.value }))
  sort.select.addEventListener('change', () => {
    const key = sort.select.value as SortKey
    apply({ ...current(), sort: key, descending: LARGEST_FIRST.has(key) })
    showDirection()
  })
  direction.addEventListener('click', () => {
    apply({ ...current(), descending: !current().descending })
    showDirection()
  })
  showDirection()
  return el(
    'div',
    { class: 'list-controls', role: 'search' },
    el('label', { class: 'control grow' }, el('span', {}, 'Filter'), text),
    outcome.label,
    sort.label,
    direction,
  )
}

function dropdown(
  label: string,
  id: string,
  options: readonly (readonly [string, string])[],
): { label: HTMLElement; select: HTMLSelectElement } {
  const element = el(
    'select',
    { id },
    ...options.map(([value, text]) => el('option', { value }, text)),
  )
  return {
    label: el('label', { class: 'control' }, el('span', {}, label), element),
    select: element,
  }
}
