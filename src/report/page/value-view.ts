import type { ReportJson } from '../report-data.js'
import { el, fill } from './dom.js'
import { count } from './format.js'

/** Characters of a string shown before the rest is folded away. */
export const FOLD_CHARS = 600
/** Items of an array or keys of an object shown before the rest is folded away. */
export const FOLD_ITEMS = 50
/** Levels shown open; deeper values open when asked. */
const OPEN_LEVELS = 2

/** A JSON value as the span holds it: text wrapped, long strings and long lists folded. */
export function valueView(value: ReportJson, level = 0): HTMLElement {
  if (typeof value === 'string') return textView(value)
  if (value === null || typeof value !== 'object')
    return el('span', { class: `json-${value === null ? 'null' : typeof value}` }, String(value))
  const entries: [string, ReportJson][] = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.entries(value)
  const label = Array.isArray(value)
    ? `list of ${count(entries.length)}`
    : `${count(entries.length)} ${entries.length === 1 ? 'field' : 'fields'}`
  if (entries.length === 0)
    return el('span', { class: 'json-empty' }, Array.isArray(value) ? '[]' : '{}')
  const details = el('details', { class: 'json' }, el('summary', {}, label))
  let drawn = false
  const draw = (): void => {
    if (drawn) return
    drawn = true
    details.append(entriesView(entries, Array.isArray(value), level))
  }
  if (level < OPEN_LEVELS) {
    details.open = true
    draw()
  } else details.addEventListener('toggle', draw)
  return details
}

function entriesView(
  entries: readonly [string, ReportJson][],
  isList: boolean,
  level: number,
): HTMLElement {
  const list = el(isList ? 'ol' : 'ul', { class: 'json-entries' })
  const drawFrom = (start: number): void => {
    const end = Math.min(entries.length, start + FOLD_ITEMS)
    for (const [key, item] of entries.slice(start, end)) {
      list.append(
        el(
          'li',
          {},
          isList ? null : el('span', { class: 'json-key' }, `${key}: `),
          valueView(item, level + 1),
        ),
      )
    }
    if (end < entries.length) {
      const more = el(
        'button',
        { type: 'button', class: 'more' },
        `Show ${count(entries.length - end)} more`,
      )
      more.addEventListener('click', () => {
        more.closest('li')?.remove()
        drawFrom(end)
      })
      list.append(el('li', {}, more))
    }
  }
  drawFrom(0)
  return list
}

function textView(text: string): HTMLElement {
  const view = el('span', { class: 'json-string' })
  if (text.length <= FOLD_CHARS) {
    fill(view, text)
    return view
  }
  const body = el('span', { class: 'json-text' })
  const toggle = el('button', { type: 'button', class: 'more' })
  let open = false
  const draw = (): void => {
    fill(body, open ? text : `${text.slice(0, FOLD_CHARS)}…`)
    fill(toggle, open ? 'Show less' : `Show all ${count(text.length)} characters`)
    toggle.setAttribute('aria-expanded', String(open))
  }
  toggle.addEventListener('click', () => {
    open = !open
    draw()
  })
  draw()
  view.append(body, ' ', toggle)
  return view
}
