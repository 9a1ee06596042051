import { EventPayload } from '../events/event-payload.js'
import { CBEventType } from '../events/event-type.js'
import type { Span, TraceTree } from '../trace/span.js'

/**
 * The ids of the nodes that the retrieve spans of the traces list, in rank order: spans depth first
 * in start order, traces in order. Nodes recorded without an id are left out, and a span
 * records only its first `MAX_LISTED_NODES` (50) nodes.
 */
export function retrievedNodeIds(traces: readonly TraceTree[]): string[] {
  const ids: string[] = []
  for (const trace of traces) {
    // A stack, not recursion: a tree may be deeper than the call stack.
    const pending: (Span | undefined)[] = [trace.rootSpan]
    while (pending.length > 0) {
      const span = pending.pop()
      if (span === undefined) continue
      if (span.name === CBEventType.RETRIEVE) addNodeIds(span, ids)
      const children = span.child_spans ?? []
      for (let index = children.length - 1; index >= 0; index -= 1) pending.push(children[index])
    }
  }
  return ids
}

function addNodeIds(span: Span, ids: string[]): void {
  for (const result of span.results ?? []) {
    const nodes = result.outputs?.[EventPayload.NODES]
    if (!Array.isArray(nodes)) continue
    for (const node of nodes) {
      const id = isObject(node) ? node['id'] : undefined
      if (typeof id === 'string' || typeof id === 'number') ids.push(String(id))
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
