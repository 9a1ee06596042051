import type { ReportData, ReportDelta, ReportTest, ReportTestDetail } from '../report-data.js'
import { el, fill } from './dom.js'
import { count, duration, score, signed } from './format.js'
import { outlineCompare } from './outline-compare.js'
import { addedSpans } from './span-tree-model.js'
import { spanTreeView } from './span-tree-view.js'

type Load = (test: ReportTest) => Promise<ReportTestDetail>

/** The selected test: its outcome, numbers, error, change from the baseline, and its trace. */
export function testDetailView(
  data: ReportData,
  load: Load,
): { element: HTMLElement; show(index: number): void } {
  const element = el(
    'section',
    { class: 'test-detail', 'aria-label': 'Selected test' },
    el('p', { class: 'muted empty-detail' }, 'Select a test to see its trace.'),
  )
  let showing = -1
  return {
    element,
    show(index) {
      const test = data.tests[index]
      if (test === undefined || index === showing) return
      showing = index
      const body = el('div', { class: 'detail-body' }, el('p', { class: 'muted' }, 'Loading…'))
      fill(element, summaryOf(test, data), body)
      load(test).then(
        (detail) => {
          if (showing === index) fill(body, ...detailParts(test, detail, data))
        },
        (error: unknown) => {
          if (showing === index)
            fill(
              body,
              el('p', { class: 'error-box' }, `The detail could not be read: ${String(error)}`),
            )
        },
      )
    },
  }
}

function summaryOf(test: ReportTest, data: ReportData): HTMLElement {
  const facts: [string, string][] = [
    ['Duration', duration(test.durationMs)],
    ['Spans', count(test.spans)],
    ['LLM calls', count(test.llmCalls)],
    ['Tokens', count(test.tokens)],
  ]
  if (test.retries > 0) facts.push(['Retries', count(test.retries)])
  for (const name of data.scoreNames)
    if (Object.hasOwn(test.scores, name)) facts.push([name, score(test.scores[name] as number)])
  return el(
    'header',
    { class: 'detail-header' },
    el('h2', { id: 'detail-title' }, test.name),
    el('p', { class: 'detail-file' }, test.file),
    el(
      'p',
      { class: 'badges' },
      el('span', { class: `badge state ${test.state}` }, test.state),
      test.flaky ? el('span', { class: 'badge flaky' }, 'flaky') : null,
      ...(test.change?.kinds ?? []).map((kind) => el('span', { class: 'badge change' }, kind)),
    ),
    el(
      'dl',
      { class: 'facts' },
      ...facts.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]),
    ),
  )
}

function detailParts(test: ReportTest, detail: ReportTestDetail, data: ReportData): HTMLElement[] {
  const parts: HTMLElement[] = []
  if (detail.error !== null)
    parts.push(
      el(
        'div',
        { class: 'error-box test-error', role: 'note' },
        el('strong', {}, 'Error: '),
        detail.error,
      ),
    )
  const change = test.change
  if (change !== null) {
    parts.push(
      el(
        'section',
        { class: 'comparison', 'aria-label': 'Compared with the baseline' },
        el('h3', {}, 'Compared with the baseline'),
        deltaTable(test, data),
        outlineCompare(detail, change, test.state),
      ),
    )
  }
  const added = detail.outline === null ? new Set<number>() : addedSpans(detail.outline)
  parts.push(
    el(
      'section',
      { class: 'trace', 'aria-label': 'Trace' },
      el('h3', {}, 'Trace'),
      spanTreeView(detail.spans, added, `Spans of ${test.name}`),
    ),
  )
  return parts
}

function deltaTable(test: ReportTest, data: ReportData): HTMLElement {
  const change = test.change
  if (change === null) return el('p', {})
  const rows: [string, ReportDelta, (value: number) => string][] = [
    ['Tokens', change.tokens, count],
    ['LLM calls', change.llmCalls, count],
    ['Duration', change.durationMs, duration],
  ]
  for (const name of data.scoreNames) {
    const delta = change.scores[name]
    if (delta !== undefined) rows.push([name, delta, score])
  }
  const shown = (value: number | null, show: (value: number) => string): string =>
    value === null ? '–' : show(value)
  return el(
    'table',
    { class: 'deltas' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['', 'Baseline', 'This session', 'Change'].map((title) =>
          el('th', { scope: 'col' }, title),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      ...rows.map(([name, delta, show]) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, name),
          el('td', {}, shown(delta.base, show)),
          el('td', {}, shown(delta.head, show)),
          el(
            'td',
            { class: deltaClass(delta.delta) },
            delta.delta === null ? '–' : signed(delta.delta, show),
          ),
        ),
      ),
    ),
  )
}

function deltaClass(delta: number | null): string {
  if (delta === null || delta === 0) return 'delta'
  return delta > 0 ? 'delta up' : 'delta down'
}
