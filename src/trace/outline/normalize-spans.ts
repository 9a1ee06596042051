import type { JsonValue } from '../../json.js'
import type { Span, TraceTree } from '../span.js'

/** What a span snapshot compares: structure and stable facts, never ids or times. */
export interface NormalizedSpan {
  readonly name: string
  readonly kind: string | null
  readonly error: string | null
  readonly attributes: Readonly<Record<string, JsonValue>>
  readonly children: readonly NormalizedSpan[]
}

export interface SpanSnapshotOptions {
  /** Include token counts (off by default: they change with prompts and providers). */
  readonly tokens?: boolean
}

const TOKEN_ATTRIBUTES = new Set([
  'formatted_prompt_tokens_count',
  'prediction_tokens_count',
  'total_tokens_used',
])

/** The spans a snapshot can be taken of: a handler's traces, one trace, or one span. */
export type SpanSnapshotSubject =
  readonly TraceTree[] | TraceTree | Span | { readonly traces: readonly TraceTree[] }

export function normalizeSubject(
  subject: SpanSnapshotSubject,
  options: SpanSnapshotOptions,
): NormalizedSpan[] {
  return rootSpansOf(subject).map((span) => normalizeSpan(span, options))
}

function rootSpansOf(subject: SpanSnapshotSubject): Span[] {
  if (Array.isArray(subject)) return subject.map((trace: TraceTree) => trace.rootSpan)
  if (typeof subject === 'object' && subject !== null) {
    if ('rootSpan' in subject) return [subject.rootSpan]
    if ('traces' in subject) return subject.traces.map((trace) => trace.rootSpan)
    if ('span_id' in subject) return [subject]
  }
  throw new TypeError('toMatchSpanSnapshot expects handler.traces, a trace, a span or a handler.')
}

function normalizeSpan(span: Span, options: SpanSnapshotOptions): NormalizedSpan {
  return {
    name: span.name ?? '',
    kind: span.span_kind,
    error: span.status_code === 'ERROR' ? (span.status_message ?? 'error') : null,
    attributes: stableAttributes(span.attributes, options),
    children: (span.child_spans ?? []).map((child) => normalizeSpan(child, options)),
  }
}

function stableAttributes(
  attributes: Readonly<Record<string, JsonValue>> | null,
  options: SpanSnapshotOptions,
): Record<string, JsonValue> {
  const stable: Record<string, JsonValue> = {}
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (options.tokens === true || !TOKEN_ATTRIBUTES.has(key)) stable[key] = value
  }
  return stable
}
