import { Snapshots } from 'vitest'
import type { MatcherState } from 'vitest'
import type {
  SpanSnapshotOptions,
  SpanSnapshotSubject,
} from '../../trace/outline/normalize-spans.js'
import { spanTreeSnapshot } from '../../trace/outline/span-tree-snapshot.js'

/** The span snapshot matchers, as they appear on `expect(…)`. */
export interface SpanSnapshotMatchers {
  /** Compares the spans' normalized tree (kinds, names, nesting, stable attributes) with a stored snapshot. */
  toMatchSpanSnapshot(options?: SpanSnapshotOptions, hint?: string): void
  /** Like `toMatchSpanSnapshot`, with the snapshot written inline into the test file. */
  toMatchInlineSpanSnapshot(inlineSnapshot?: string): void
  toMatchInlineSpanSnapshot(options: SpanSnapshotOptions, inlineSnapshot?: string): void
}

type SnapshotResult = ReturnType<typeof Snapshots.toMatchSnapshot>

export const spanSnapshotMatchers = {
  toMatchSpanSnapshot(
    this: MatcherState,
    received: SpanSnapshotSubject,
    optionsOrHint?: SpanSnapshotOptions | string,
    hint?: string,
  ): SnapshotResult {
    const options = typeof optionsOrHint === 'object' ? optionsOrHint : {}
    const snapshotHint = typeof optionsOrHint === 'string' ? optionsOrHint : hint
    return Snapshots.toMatchSnapshot.call(this, spanTreeSnapshot(received, options), snapshotHint)
  },
  toMatchInlineSpanSnapshot(
    this: MatcherState,
    received: SpanSnapshotSubject,
    optionsOrInline?: SpanSnapshotOptions | string,
    inlineSnapshot?: string,
  ): SnapshotResult {
    const options = typeof optionsOrInline === 'object' ? optionsOrInline : {}
    const inline = typeof optionsOrInline === 'string' ? optionsOrInline : inlineSnapshot
    return Snapshots.toMatchInlineSnapshot.call(this, spanTreeSnapshot(received, options), inline)
  },
}
