import type { ReportTestChange, ReportTestDetail, ReportTestState } from '../report-data.js'
import { el, hidden } from './dom.js'
import { count } from './format.js'

/** A test's span outline beside the baseline's, spans added and removed marked. */
export function outlineCompare(
  detail: ReportTestDetail,
  change: ReportTestChange,
  state: ReportTestState,
): HTMLElement {
  const heading = el('h4', {}, 'Span structure')
  if (detail.outlineTooLong !== null) {
    const { base, head } = detail.outlineTooLong
    return el(
      'div',
      { class: 'outline-compare' },
      heading,
      el(
        'p',
        {},
        `The structure changed (${count(base)} spans in the baseline, ${count(head)} here): too long to align.`,
      ),
    )
  }
  if (detail.outline === null)
    return el(
      'div',
      { class: 'outline-compare' },
      heading,
      el('p', { class: 'muted' }, structureNote(change, state)),
    )
  const rows = detail.outline.map((row) =>
    el(
      'tr',
      {},
      cell(row.base, row.same ? 'same' : 'removed'),
      cell(row.head, row.same ? 'same' : 'added'),
    ),
  )
  return el(
    'div',
    { class: 'outline-compare' },
    heading,
    el(
      'table',
      { class: 'outline-table' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col' }, 'Baseline'),
          el('th', { scope: 'col' }, 'This session'),
        ),
      ),
      el('tbody', {}, ...rows),
    ),
  )
}

function cell(line: string | null, kind: 'same' | 'added' | 'removed'): HTMLElement {
  if (line === null) return el('td', { class: 'empty' })
  const mark = kind === 'added' ? '+' : kind === 'removed' ? '−' : ' '
  return el(
    'td',
    { class: kind },
    el('span', { class: 'diff-mark', 'aria-hidden': 'true' }, mark),
    kind === 'same' ? null : hidden(`${kind}: `),
    line,
  )
}

function structureNote(change: ReportTestChange, state: ReportTestState): string {
  if (change.presence === 'base')
    return 'This test is only in the baseline; it recorded no spans there.'
  if (change.presence === 'head') return 'This test is not in the baseline; it recorded no spans.'
  if (change.baseState === 'skipped') return 'The test was skipped in the baseline.'
  if (state === 'skipped') return 'The test was skipped in this session.'
  return 'The same span structure as in the baseline.'
}
