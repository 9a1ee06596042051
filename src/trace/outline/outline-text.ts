import type { TraceTree } from '../span.js'
import { normalizeSubject } from './normalize-spans.js'
import { renderSpanTree } from './render-span-tree.js'

/** The structure of a test's traces as span snapshots show it (kinds, names, nesting; no tokens). */
export function outlineText(traces: readonly TraceTree[]): string {
  return renderSpanTree(normalizeSubject(traces, {}))
}
