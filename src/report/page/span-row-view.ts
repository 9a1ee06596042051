import type { ReportSpan } from '../report-data.js'
import { el } from './dom.js'
import { count, duration } from './format.js'
import { barOf } from './span-tree-model.js'
import type { SpanTree } from './span-tree-model.js'

const INDENT_PX = 16

/** How a span's row is drawn besides the span itself. */
export interface SpanRowState {
  readonly parent: boolean
  readonly open: boolean
  readonly active: boolean
  /** The baseline lacks this span. */
  readonly added: boolean
  readonly axis: SpanTree['axis']
}

/** One row of the span tree: toggle, kind, name, marks and tokens, then its bar and duration. */
export function spanRowView(span: ReportSpan, index: number, state: SpanRowState): HTMLElement {
  const error = span.status === 'ERROR'
  return el(
    'div',
    {
      id: `span-${index}`,
      role: 'treeitem',
      class: `span-row${state.active ? ' active' : ''}${error ? ' error' : ''}`,
      'aria-level': span.depth + 1,
      'aria-expanded': state.parent ? String(state.open) : null,
      'aria-selected': String(state.active),
      'data-span': index,
    },
    labelView(span, index, state),
    timingView(span, state.axis),
  )
}

function labelView(span: ReportSpan, index: number, state: SpanRowState): HTMLElement {
  const toggle = state.parent ? (state.open ? '▾' : '▸') : ''
  const label = el(
    'span',
    { class: 'span-label' },
    el('span', { class: 'toggle', 'data-toggle': index, 'aria-hidden': 'true' }, toggle),
    el('span', { class: `kind kind-${(span.kind ?? 'none').toLowerCase()}` }, span.kind ?? '–'),
    el('span', { class: 'span-name' }, span.name === '' ? '(unnamed)' : span.name),
    span.judge ? el('span', { class: 'badge judge' }, 'judge') : null,
    state.added ? el('span', { class: 'badge added' }, '+ added') : null,
    span.status === 'ERROR'
      ? el('span', { class: 'span-error' }, `✗ ${span.message ?? 'error'}`)
      : null,
    span.tokens === null ? null : el('span', { class: 'span-tokens' }, `${count(span.tokens)} tok`),
  )
  label.style.paddingLeft = `${span.depth * INDENT_PX}px`
  return label
}

/** The span's bar on the shared time axis, and how long it took. */
function timingView(span: ReportSpan, axis: SpanTree['axis']): HTMLElement {
  const track = el('span', { class: 'track', 'aria-hidden': 'true' })
  const bar = barOf(span, axis)
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

/** The axis above the rows: the span count, and times at its start, middle and end. */
export function axisView(spanCount: number, axis: SpanTree['axis']): HTMLElement {
  const ticks =
    axis === null
      ? []
      : [0, 0.5, 1].map((at) => {
          const tick = el('span', { class: 'tick' }, duration((axis.endMs - axis.startMs) * at))
          tick.style.left = `${at * 100}%`
          return tick
        })
  return el(
    'div',
    { class: 'axis', 'aria-hidden': 'true' },
    el('span', {}, `${count(spanCount)} ${spanCount === 1 ? 'span' : 'spans'}`),
    el('span', { class: 'axis-scale' }, ...ticks),
  )
}
