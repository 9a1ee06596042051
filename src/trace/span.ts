import type { JsonObject } from '../json.js'
import type { SpanKind } from './span-kind.js'

export type StatusCode = 'SUCCESS' | 'ERROR'

/** One `{inputs, outputs}` result of a span. */
export interface SpanResult {
  inputs: JsonObject | null
  outputs: JsonObject | null
}

/** A span in W&B's trace-tree JSON shape; the field order is W&B's. Unset values are null. */
export interface Span {
  span_id: string | null
  name: string | null
  start_time_ms: number | null
  end_time_ms: number | null
  status_code: StatusCode | null
  status_message: string | null
  attributes: JsonObject | null
  results: SpanResult[] | null
  child_spans: Span[] | null
  span_kind: SpanKind | null
}

/** Totals over a trace's spans. */
export interface TraceStats {
  spans: number
  llmCalls: number
  promptTokens: number
  completionTokens: number
  totalTokens: number
}

/** One finished trace: its id, its root span and its totals. */
export interface TraceTree {
  readonly traceId: string
  readonly rootSpan: Span
  readonly stats: TraceStats
}

/** The value W&B stores in a history row for a trace tree. */
export interface WandbTraceTreeValue {
  _type: 'wb_trace_tree'
  root_span_dumps: string
}

export function toWandbTraceTree(rootSpan: Span): WandbTraceTreeValue {
  return { _type: 'wb_trace_tree', root_span_dumps: JSON.stringify(rootSpan) }
}

export function emptyStats(): TraceStats {
  return { spans: 0, llmCalls: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0 }
}

export function addStats(into: TraceStats, from: TraceStats): void {
  into.spans += from.spans
  into.llmCalls += from.llmCalls
  into.promptTokens += from.promptTokens
  into.completionTokens += from.completionTokens
  into.totalTokens += from.totalTokens
}
