import { isDeepStrictEqual } from 'node:util'
import { expect } from 'vitest'
import type { Span, TraceTree } from '../../src/trace/span.js'

/** An event span of a trace tree and where it hangs. */
export interface PlacedSpan {
  readonly span: Span
  readonly traceId: string
  /** The span_id of the event span it hangs under; undefined at the trace's top level. */
  readonly parentId: string | undefined
  /** 0 at the trace's top level. */
  readonly depth: number
}

// A real span always has one result; only the synthetic root that gathers several top-level events has none.
function isSyntheticRoot(span: Span): boolean {
  return span.results === null
}

/**
 * Every event span of the trees, depth first, leaving out synthetic roots. Throws if a span object
 * is reached twice, which is how a cycle or a shared span would show.
 */
export function placedSpans(trees: readonly TraceTree[]): PlacedSpan[] {
  const placed: PlacedSpan[] = []
  const seen = new Set<Span>()
  for (const tree of trees) {
    const root = tree.rootSpan
    const top = isSyntheticRoot(root) ? (root.child_spans ?? []) : [root]
    if (isSyntheticRoot(root)) seen.add(root)
    const pending = top.map((span) => ({
      span,
      parentId: undefined as string | undefined,
      depth: 0,
    }))
    while (pending.length > 0) {
      const next = pending.pop() as (typeof pending)[number]
      if (seen.has(next.span)) throw new Error(`span ${next.span.span_id} is reached twice`)
      seen.add(next.span)
      placed.push({ ...next, traceId: tree.traceId })
      for (const child of next.span.child_spans ?? []) {
        pending.push({
          span: child,
          parentId: next.span.span_id ?? undefined,
          depth: next.depth + 1,
        })
      }
    }
  }
  return placed
}

/** Every string a JSON value holds, object keys included. */
export function stringsIn(value: unknown): string[] {
  const found: string[] = []
  const pending: unknown[] = [value]
  while (pending.length > 0) {
    const next = pending.pop()
    if (typeof next === 'string') found.push(next)
    else if (Array.isArray(next)) pending.push(...next)
    else if (typeof next === 'object' && next !== null) {
      for (const [key, item] of Object.entries(next)) {
        found.push(key)
        pending.push(item)
      }
    }
  }
  return found
}

const TRUNCATION_MARKER = /… \[truncated \d+ of \d+ chars\]/
// A tag such as "[Unserializable …]" or "[… : nested too deep]" may wrap a cut name.
const TAG_CHARS = 30

/** Whether `text` is at most `maxChars` long, or was cut to `maxChars` and marked (inside a short tag at most). */
export function isBounded(text: string, maxChars: number): boolean {
  if (text.length <= maxChars) return true
  const marker = TRUNCATION_MARKER.exec(text)
  return marker !== null && text.length <= maxChars + marker[0].length + TAG_CHARS
}

/** Checks that JSON read back equals `value`: same prototypes, keys and numbers (-0 included). */
export function expectSameJson(read: unknown, value: unknown): void {
  expect(read).toEqual(value)
  expect(isDeepStrictEqual(read, value)).toBe(true)
}

/** Checks that `value` comes back from a JSON round trip as it was, as a sink would store and read it. */
export function expectJsonRoundTrip(value: unknown): void {
  expectSameJson(JSON.parse(JSON.stringify(value)), value)
}
