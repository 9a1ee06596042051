import type { EventPair, PairedEvents } from './pair-events.js'
import { enclosingWithId } from './resolve-parents.js'
import { ROOT_PARENT_ID } from './trace-map.js'
import type { TraceMap } from './trace-map.js'

/**
 * Whether the trace map only restates the parents the starts came with: it lists each pair's id
 * exactly once, under the id it was started under (`root` for none), in start order, and lists
 * nothing else. Such a map changes no parent, so it need not be indexed by child, which for a
 * large trace costs more than the rest of parent resolution. A CallbackManager's map reads this
 * way unless some starts were ignored or the trace has repeated ids.
 */
export function restatesParents(traceMap: TraceMap, paired: PairedEvents): boolean {
  // Only a plain Map is sure to give the same lists by key as by iteration.
  if (Object.getPrototypeOf(traceMap) !== Map.prototype) return false
  try {
    return countListed(traceMap) === paired.pairs.length && listsEachPairInOrder(traceMap, paired)
  } catch {
    return false
  }
}

function countListed(traceMap: TraceMap): number {
  let listed = 0
  for (const children of traceMap.values()) {
    if (!Array.isArray(children)) return Number.NaN
    listed += children.length
  }
  return listed
}

function listsEachPairInOrder(traceMap: TraceMap, paired: PairedEvents): boolean {
  // Slot 0 is the top level, slot i + 1 the pairs started under pair i.
  const lists = new Array<readonly string[] | undefined>(paired.pairs.length + 1)
  const cursors = new Int32Array(paired.pairs.length + 1)
  for (let index = 0; index < paired.pairs.length; index += 1) {
    const pair = paired.pairs[index] as EventPair
    if (pair.duplicateOf !== undefined) return false
    const parentId = pair.start.parentId
    const slot = parentSlot(paired, index, parentId)
    if (slot === undefined) return false
    const list = (lists[slot] ??= traceMap.get(slot === 0 ? ROOT_PARENT_ID : (parentId as string)))
    const at = cursors[slot] as number
    if (list?.[at] !== pair.start.id) return false
    cursors[slot] = at + 1
  }
  return true
}

function parentSlot(
  paired: PairedEvents,
  index: number,
  parentId: string | undefined,
): number | undefined {
  if (parentId === undefined || parentId === '' || parentId === ROOT_PARENT_ID) return 0
  const parent = enclosingWithId(paired, index, parentId) ?? paired.firstById.get(parentId)
  return parent === undefined ? undefined : parent + 1
}
