import type { ReportSpan } from '../report-data.js'
import { el, fill } from './dom.js'
import { count, duration } from './format.js'
import { movedTo } from './keys.js'
import { spanDetails } from './span-details.js'
import { barOf, shownSpans, spanTree } from './span-tree-model.js'
import { virtualRows } from './virtual-rows.js'

const ROW_HEIGHT_PX = 28
const INDENT_PX = 16

/**
 * A test's spans as a collapsible tree, each row with its duration as a bar on the test's time
 * axis (a waterfall); the selected span's inputs and outputs below. `added`: spans the baseline
 * lacks, by index.
 */
export function spanTreeView(
  spans: readonly ReportSpan[],
  added: ReadonlySet<number>,
  label: string,
): HTMLElement {
  if (spans.length === 0)
    return el('p', { class: 'muted' }, 'No spans: this test recorded no traces.')
  const tree = spanTree(spans)
  const collapsed = new Set<number>()
  let shown = shownSpans(tree, collapsed)
  let active = 0
  const details = el('div', { class: 'span-details-slot' })
  const rows = virtualRows(ROW_HEIGHT_PX, (position) => spanRow(shown[position] as number), {
    class: 'span-rows',
    role: 'tree',
    tabindex: '0',
    'aria-label': label,
    'aria-describedby': 'span-tree-help',
  })

  function spanRow(index: number): HTMLElement {
    const span = spans[index] as ReportSpan
    const parent = tree.hasChildren[index] === true
    const open = !collapsed.has(index)
    const toggle = el(
      'span',
      { class: 'toggle', 'data-toggle': index, 'aria-hidden': 'true' },
      parent ? (open ? '▾' : '▸') : '',
    )
    const name = el(
      'span',
      { class: 'span-label' },
      toggle,
      el('span', { class: `kind kind-${(span.kind ?? 'none').toLowerCase()}` }, span.kind ?? '–'),
      el('span', { class: 'span-name' }, span.name === '' ? '(unnamed)' : span.name),
      span.judge ? el('span', { class: 'badge judge' }, 'judge') : null,
      added.has(index) ? el('span', { class: 'badge added' }, '+ added') : null,
      span.status === 'ERROR'
        ? el('span', { class: 'span-error' }, `✗ ${span.message ?? 'error'}`)
        : null,
      span.tokens === null
        ? null
        : el('span', { class: 'span-tokens' }, `${count(span.tokens)} tok`),
    )
    name.style.paddingLeft = `${span.depth * INDENT_PX}px`
    const row = el(
      'div',
      {
        id: `span-${index}`,
        role: 'treeitem',
        class: `span-row${index === active ? ' active' : ''}${span.status === 'ERROR' ? ' error' : ''}`,
        'aria-level': span.depth + 1,
        'aria-expanded': parent ? String(open) : null,
        'aria-selected': String(index === active),
        'data-span': index,
      },
      name,
      timing(span),
    )
    return row
  }

  function timing(span: ReportSpan): HTMLElement {
    const track = el('span', { class: 'track', 'aria-hidden': 'true' })
    const bar = barOf(span, tree.axis)
    if (bar !== null) {
      const fill = el('span', { class: `bar${span.status === 'ERROR' ? ' error' : ''}` })
      fill.style.left = `${(bar.left * 100).toFixed(3)}%`
      fill.style.width = `${(Math.min(bar.width, 1 - bar.left) * 100).toFixed(3)}%`
      track.append(fill)
    }
    const took =
      span.startMs !== null && span.endMs !== null ? duration(span.endMs - span.startMs) : ''
    return el('span', { class: 'timing' }, track, el('span', { class: 'took' }, took))
  }

  function activate(index: number): void {
    active = index
    rows.element.setAttribute('aria-activedescendant', `span-${index}`)
    rows.reveal(shown.indexOf(index))
    fill(details, spanDetails(spans[index] as ReportSpan, tree.axis))
  }

  function setOpen(index: number, open: boolean): void {
    if (open) collapsed.delete(index)
    else collapsed.add(index)
    shown = shownSpans(tree, collapsed)
    rows.setCount(shown.length)
    activate(index)
  }

  rows.element.addEventListener('click', (event) => {
    const target = event.target as Element
    const row = target.closest('[data-span]')
    if (row === null) return
    const index = Number(row.getAttribute('data-span'))
    if (target.closest('[data-toggle]') !== null && tree.hasChildren[index] === true)
      setOpen(index, collapsed.has(index))
    else activate(index)
    rows.element.focus()
  })
  rows.element.addEventListener('keydown', (event) => {
    if (treeKey(event.key) !== undefined) event.preventDefault()
  })

  /** Moves or folds for a key; undefined when the key does nothing here. */
  function treeKey(key: string): number | undefined {
    const parent = tree.hasChildren[active] === true
    const open = !collapsed.has(active)
    if (key === 'ArrowRight' && parent) {
      if (!open) setOpen(active, true)
      else activate(active + 1)
      return active
    }
    if (key === 'ArrowLeft') {
      if (parent && open) setOpen(active, false)
      else if ((tree.parents[active] ?? -1) >= 0) activate(tree.parents[active] as number)
      return active
    }
    if ((key === 'Enter' || key === ' ') && parent) {
      setOpen(active, !open)
      return active
    }
    const page = Math.max(1, Math.floor(rows.element.clientHeight / ROW_HEIGHT_PX) - 1)
    const next = movedTo(key, shown.indexOf(active), shown.length, page)
    if (next !== undefined) activate(shown[next] as number)
    return next
  }

  rows.setCount(shown.length)
  activate(0)
  const total = tree.axis === null ? null : tree.axis.endMs - tree.axis.startMs
  return el(
    'div',
    { class: 'span-tree' },
    el(
      'div',
      { class: 'axis', 'aria-hidden': 'true' },
      el('span', {}, `${count(spans.length)} ${spans.length === 1 ? 'span' : 'spans'}`),
      el('span', { class: 'axis-scale' }, ...axisTicks(total)),
    ),
    el(
      'span',
      { id: 'span-tree-help', class: 'visually-hidden' },
      'Arrow keys move through the spans; right and left open and close a span.',
    ),
    rows.element,
    details,
  )
}

function axisTicks(totalMs: number | null): HTMLElement[] {
  if (totalMs === null) return []
  return [0, 0.5, 1].map((at) => {
    const tick = el('span', { class: 'tick' }, duration(totalMs * at))
    tick.style.left = `${at * 100}%`
    return tick
  })
}
