import type { Span, TraceTree } from '../../../src/trace/span.js'
import type { NormalizedSpan } from '../../../src/trace/outline/normalize-spans.js'
import { renderSpanTree } from '../../../src/trace/outline/render-span-tree.js'

/**
 * The span tree with each span's input and output keys in place of its attributes, so a test
 * pins kinds, names, nesting, errors and payload keys in one readable string.
 */
export function spanOutline(traces: readonly TraceTree[]): string {
  return renderSpanTree(traces.map((trace) => outline(trace.rootSpan)))
}

function outline(span: Span): NormalizedSpan {
  const result = span.results?.[0]
  const keys = (value: object | null | undefined): string =>
    value === null || value === undefined ? '-' : Object.keys(value).join(',')
  return {
    name: span.name ?? '',
    kind: span.span_kind,
    error: span.status_code === 'ERROR' ? (span.status_message ?? 'error') : null,
    attributes: result === undefined ? {} : { in: keys(result.inputs), out: keys(result.outputs) },
    children: (span.child_spans ?? []).map(outline),
  }
}

/** Every span of the traces, depth first. */
export function allSpans(traces: readonly TraceTree[]): Span[] {
  const spans: Span[] = []
  const visit = (span: Span): void => {
    spans.push(span)
    span.child_spans?.forEach(visit)
  }
  traces.forEach((trace) => visit(trace.rootSpan))
  return spans
}
