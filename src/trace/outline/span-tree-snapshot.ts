import { normalizeSubject } from './normalize-spans.js'
import type { SpanSnapshotOptions, SpanSnapshotSubject } from './normalize-spans.js'
import { renderSpanTree } from './render-span-tree.js'

const SPAN_TREE_BRAND = Symbol.for('vitest-wandb.span-tree-snapshot')

/** A rendered span tree that the snapshot serializer prints as it is, without quotes or escapes. */
export interface SpanTreeSnapshot {
  readonly [SPAN_TREE_BRAND]: true
  readonly text: string
}

export function spanTreeSnapshot(
  subject: SpanSnapshotSubject,
  options: SpanSnapshotOptions = {},
): SpanTreeSnapshot {
  return { [SPAN_TREE_BRAND]: true, text: renderSpanTree(normalizeSubject(subject, options)) }
}

export function isSpanTreeSnapshot(value: unknown): value is SpanTreeSnapshot {
  return typeof value === 'object' && value !== null && SPAN_TREE_BRAND in value
}

/** The snapshot serializer for span trees. */
export const spanTreeSerializer = {
  test: (value: unknown): boolean => isSpanTreeSnapshot(value),
  serialize: (value: SpanTreeSnapshot): string => value.text,
}
