import type { Span, TraceTree } from '../trace/span.js'
import type { ReportJson, ReportSpan } from './report-data.js'

/**
 * A test's spans as the page lists them: every trace's spans depth first, the pipeline's traces
 * then the judges', so the n-th pipeline span is the n-th line of the test's span outline.
 */
export function spanRows(
  traces: readonly TraceTree[],
  judgeTraces: readonly TraceTree[],
): ReportSpan[] {
  const rows: ReportSpan[] = []
  for (const trace of traces) addSpan(rows, trace.rootSpan, 0, false)
  for (const trace of judgeTraces) addSpan(rows, trace.rootSpan, 0, true)
  return rows
}

function addSpan(rows: ReportSpan[], span: Span, depth: number, judge: boolean): void {
  rows.push(spanRow(span, depth, judge))
  for (const child of span.child_spans ?? []) addSpan(rows, child, depth + 1, judge)
}

function spanRow(span: Span, depth: number, judge: boolean): ReportSpan {
  const tokens = span.attributes?.['total_tokens_used']
  return {
    depth,
    name: span.name ?? '',
    kind: span.span_kind,
    status: span.status_code,
    message: span.status_message,
    startMs: finiteOrNull(span.start_time_ms),
    endMs: finiteOrNull(span.end_time_ms),
    tokens: typeof tokens === 'number' && Number.isFinite(tokens) ? tokens : null,
    judge,
    attributes: span.attributes,
    results: (span.results ?? []).map((result) => ({
      inputs: result.inputs as ReportJson,
      outputs: result.outputs as ReportJson,
    })),
  }
}

function finiteOrNull(value: number | null): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}
