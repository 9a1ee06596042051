import type { PairedEvents } from './pair-events.js'
import { ROOT_PARENT_ID } from './trace-map.js'

/** The index of the pair each pair hangs under (`-1` for the trace's top level), and why, when it moved. */
export interface ParentLinks {
  readonly parentIndex: Int32Array
  readonly notes: Map<number, string>
}

const TOP = -1
const UNKNOWN = -1
const IN_PROGRESS = -2

/**
 * Resolves each pair's parent from the trace map, else from the parent id it was started with.
 * Parents that were ignored are skipped over; a missing parent, a self-parent or a cycle puts the
 * pair at the top level; nesting deeper than `maxDepth` is flattened. Every pair gets exactly one place.
 */
export function resolveParents(
  paired: PairedEvents,
  mapParents: ReadonlyMap<string, string>,
  maxDepth: number,
): ParentLinks {
  const links: ParentLinks = { parentIndex: new Int32Array(paired.pairs.length), notes: new Map() }
  paired.pairs.forEach((pair, index) => {
    const mapped = pair.duplicateOf === undefined ? mapParents.get(pair.start.id) : undefined
    links.parentIndex[index] = findParent(
      paired,
      mapParents,
      pair.start.id,
      mapped ?? pair.start.parentId,
      links.notes,
      index,
    )
  })
  breakCyclesAndLimitDepth(links, maxDepth)
  return links
}

function findParent(
  paired: PairedEvents,
  mapParents: ReadonlyMap<string, string>,
  ownId: string,
  parentId: string | undefined,
  notes: Map<number, string>,
  index: number,
): number {
  let candidate = parentId
  for (let hops = 0; hops <= mapParents.size; hops += 1) {
    if (candidate === undefined || candidate === '' || candidate === ROOT_PARENT_ID) return TOP
    if (candidate === ownId) {
      notes.set(index, 'self_parent')
      return TOP
    }
    const found = enclosingWithId(paired, index, candidate) ?? paired.firstById.get(candidate)
    if (found !== undefined) return found
    candidate = mapParents.get(candidate)
    if (candidate === undefined) {
      notes.set(index, 'parent_not_found')
      return TOP
    }
  }
  notes.set(index, 'parent_cycle')
  return TOP
}

function breakCyclesAndLimitDepth({ parentIndex, notes }: ParentLinks, maxDepth: number): void {
  const depth = new Int32Array(parentIndex.length).fill(UNKNOWN)
  const pending: number[] = []
  for (let first = 0; first < parentIndex.length; first += 1) {
    if (depth[first] !== UNKNOWN) continue
    pending.push(first)
    while (pending.length > 0) {
      const index = pending[pending.length - 1] as number
      const parent = parentIndex[index] as number
      const parentDepth = parent === TOP ? -1 : (depth[parent] as number)
      if (parent === TOP || parentDepth >= 0) {
        pending.pop()
        if (parentDepth + 1 > maxDepth) {
          parentIndex[index] = parentIndex[parent] as number
          depth[index] = parentDepth
          notes.set(index, 'depth_limited')
        } else depth[index] = parentDepth + 1
      } else if (parentDepth === IN_PROGRESS) {
        pending.pop()
        parentIndex[index] = TOP
        depth[index] = 0
        notes.set(index, 'parent_cycle')
      } else {
        depth[index] = IN_PROGRESS
        pending.push(parent)
      }
    }
  }
}

/** The pair open around pair `index`, when it is the first pair of `id`: what `firstById` would say. */
export function enclosingWithId(
  paired: PairedEvents,
  index: number,
  id: string,
): number | undefined {
  const enclosing = paired.enclosing[index] ?? -1
  const pair = paired.pairs[enclosing]
  return pair !== undefined && pair.duplicateOf === undefined && pair.start.id === id
    ? enclosing
    : undefined
}
