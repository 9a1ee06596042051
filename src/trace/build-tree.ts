import type { CBEvent } from '../events/cb-event.js'
import { CBEventType } from '../events/event-type.js'
import { describeError } from '../warnings.js'
import type { JsonObject } from '../json.js'
import type { PayloadLimits } from './limits.js'
import { pairEvents } from './pair-events.js'
import type { EventPair, PairedEvents } from './pair-events.js'
import { resolveParents } from './resolve-parents.js'
import { restatesParents } from './restated-parents.js'
import { shapeGeneric } from './shape/shape-generic.js'
import { shapeSpan } from './shape/shape-span.js'
import type { EventPairPayloads, ShapeContext, ShapedSpan } from './shape/shaped-span.js'
import { emptyStats } from './span.js'
import type { Span, TraceStats, TraceTree } from './span.js'
import { spanKindOf } from './span-kind.js'
import { spanStatus } from './span-status.js'
import type { Tokenizer } from './token-counter.js'
import { parentsFromTraceMap } from './trace-map.js'
import type { TraceMap } from './trace-map.js'
import { truncateText } from './truncate.js'

/** Everything recorded for one trace. */
export interface TraceRecording {
  readonly traceId: string
  readonly startMs: number
  readonly endMs: number
  /** Starts and ends in the order they arrived. */
  readonly events: readonly CBEvent[]
  readonly traceMap?: TraceMap | undefined
  /** Event types whose ends were ignored on purpose: their spans close at the trace's end without error. */
  readonly ignoredEndTypes: ReadonlySet<string>
  /** Starts not recorded because the trace was over its span limit. */
  readonly droppedSpans: number
}

export interface BuildOptions {
  readonly limits: PayloadLimits
  readonly tokenizer: Tokenizer
  readonly maxDepth: number
}

export const DEFAULT_MAX_SPAN_DEPTH = 100

/**
 * Builds a trace's W&B tree, depth first in start order. One top-level event is the root span
 * itself; several hang under one synthetic root named by the trace id. Undefined for an empty trace.
 */
export function buildTraceTree(
  recording: TraceRecording,
  options: BuildOptions,
): TraceTree | undefined {
  const paired = pairEvents(recording.events)
  if (paired.pairs.length === 0) return undefined
  const mapParents =
    recording.traceMap === undefined || restatesParents(recording.traceMap, paired)
      ? new Map<string, string>()
      : parentsFromTraceMap(recording.traceMap)
  const links = resolveParents(paired, mapParents, options.maxDepth)
  const stats = emptyStats()
  const context: ShapeContext = { limits: options.limits, tokenizer: options.tokenizer }
  const spans = paired.pairs.map((pair, index) =>
    toSpan(pair, recording, context, stats, links.notes.get(index)),
  )
  const roots = attachChildren(spans, links.parentIndex)
  const rootSpan =
    roots.length === 1
      ? (roots[0] as Span)
      : syntheticRoot(recording, roots, options.limits.maxChars)
  addTraceDiagnostics(rootSpan, paired, recording.droppedSpans)
  return { traceId: recording.traceId, rootSpan, stats }
}

/** Hangs each span under its parent, in start order; returns the top-level spans. */
function attachChildren(spans: readonly Span[], parentIndex: Int32Array): Span[] {
  // Slot 0 holds the top level, slot i + 1 the children of span i. Lists are sized exactly up
  // front: a kept trace holds one per parent span, and a list grown by push keeps room for 17.
  const counts = new Int32Array(spans.length + 1)
  for (const parent of parentIndex) counts[parent + 1] = (counts[parent + 1] as number) + 1
  const lists = new Array<Span[] | undefined>(spans.length + 1)
  const filled = new Int32Array(spans.length + 1)
  spans.forEach((span, index) => {
    const slot = (parentIndex[index] as number) + 1
    let list = lists[slot]
    if (list === undefined) {
      list = lists[slot] = new Array<Span>(counts[slot] as number)
      if (slot > 0) (spans[slot - 1] as Span).child_spans = list
    }
    const at = filled[slot] as number
    list[at] = span
    filled[slot] = at + 1
  })
  return lists[0] ?? []
}

function toSpan(
  pair: EventPair,
  recording: TraceRecording,
  context: ShapeContext,
  stats: TraceStats,
  note: string | undefined,
): Span {
  const type = pair.start.type
  const shaped = shapeSafely(pair, context)
  const status = spanStatus(pair, recording.ignoredEndTypes.has(type))
  countSpan(stats, type, shaped)
  const startMs = pair.start.timeMs
  return {
    span_id: pair.key,
    name: type,
    start_time_ms: startMs,
    end_time_ms: Math.max(startMs, pair.end?.timeMs ?? recording.endMs),
    status_code: status.code,
    status_message:
      status.message === null ? null : truncateText(status.message, context.limits.maxChars),
    attributes: spanAttributes(shaped.attributes, note, pair.duplicateOf),
    results: [{ inputs: shaped.inputs, outputs: shaped.outputs }],
    child_spans: null,
    span_kind: spanKindOf(type),
  }
}

function spanAttributes(
  shaped: JsonObject,
  note: string | undefined,
  duplicateOf: string | undefined,
): JsonObject | null {
  if (note === undefined && duplicateOf === undefined) return isEmpty(shaped) ? null : shaped
  const attributes: JsonObject = { ...shaped }
  if (note !== undefined) attributes['diagnostic'] = note
  if (duplicateOf !== undefined) attributes['duplicate_event_id'] = duplicateOf
  return attributes
}

function isEmpty(object: JsonObject): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return false
  return true
}

// A shaping rule that trips over a payload it did not expect falls back to the plain rule.
function shapeSafely(pair: EventPair, context: ShapeContext): ShapedSpan {
  const payloads = { start: pair.start.payload, end: pair.end?.payload }
  try {
    return shapeSpan(pair.start.type, payloads, context)
  } catch (error) {
    const message = truncateText(describeError(error), context.limits.maxChars)
    return { ...plainShape(payloads, context), attributes: { shaping_error: message } }
  }
}

// The plain rule fails too on a payload that cannot be inspected at all (a revoked proxy).
function plainShape(payloads: EventPairPayloads, context: ShapeContext): ShapedSpan {
  try {
    return shapeGeneric(payloads, context)
  } catch {
    return { inputs: null, outputs: null, attributes: {} }
  }
}

function countSpan(stats: TraceStats, type: string, shaped: ShapedSpan): void {
  stats.spans += 1
  if (type !== CBEventType.LLM) return
  stats.llmCalls += 1
  stats.promptTokens += shaped.usage?.prompt ?? 0
  stats.completionTokens += shaped.usage?.completion ?? 0
  stats.totalTokens += shaped.usage?.total ?? 0
}

function syntheticRoot(recording: TraceRecording, roots: Span[], maxChars: number): Span {
  const failed = roots.find((span) => span.status_code === 'ERROR')
  return {
    span_id: recording.traceId,
    name: recording.traceId,
    start_time_ms: roots.reduce(
      (min, span) => Math.min(min, span.start_time_ms ?? min),
      recording.startMs,
    ),
    end_time_ms: roots.reduce(
      (max, span) => Math.max(max, span.end_time_ms ?? max),
      recording.endMs,
    ),
    status_code: failed === undefined ? 'SUCCESS' : 'ERROR',
    status_message:
      failed === undefined
        ? null
        : truncateText(
            `${failed.name ?? 'a span'} failed: ${failed.status_message ?? ''}`,
            maxChars,
          ),
    attributes: null,
    results: null,
    child_spans: roots,
    span_kind: 'CHAIN',
  }
}

function addTraceDiagnostics(root: Span, paired: PairedEvents, droppedSpans: number): void {
  if (paired.unmatchedEndCount === 0 && droppedSpans === 0) return
  const attributes: JsonObject = { ...root.attributes }
  if (paired.unmatchedEndCount > 0) {
    attributes['unmatched_end_count'] = paired.unmatchedEndCount
    attributes['unmatched_end_ids'] = paired.unmatchedEndIds
  }
  if (droppedSpans > 0) attributes['dropped_spans'] = droppedSpans
  root.attributes = attributes
}
