import type { CBEvent } from '../events/cb-event.js'

/** A started event with its end, if one came. `key` is unique in the trace even when ids repeat. */
export interface EventPair {
  readonly key: string
  readonly start: CBEvent
  end: CBEvent | undefined
  readonly duplicateOf: string | undefined
}

export interface PairedEvents {
  readonly pairs: EventPair[]
  /** The first pair started under each id. */
  readonly firstById: Map<string, number>
  readonly unmatchedEndIds: string[]
  unmatchedEndCount: number
}

const LISTED_UNMATCHED_ENDS = 20

/** Bookkeeping for ids started more than once; ids started once need none beyond `firstById`. */
interface Repeats {
  /** Starts seen per repeated id. */
  readonly counts: Map<string, number>
  /** The latest open pair of each repeated id (-1 when none is open). */
  readonly latestOpen: Map<string, number>
  /** For each pair of a repeated id, the open pair of that id it shadows (-1 when none). */
  readonly shadowed: Map<number, number>
  /** Keys made up for repeated ids, which a later id may already use (`a`, `a`, `a#2`). */
  readonly madeUpKeys: Set<string>
}

/**
 * Pairs starts with ends by id, in arrival order. A repeated id starts a pair of its own (keyed
 * `id#2`, …); an end closes the latest open pair of its id; an end with no open start is counted.
 */
export function pairEvents(events: readonly CBEvent[]): PairedEvents {
  const paired: PairedEvents = {
    pairs: [],
    firstById: new Map(),
    unmatchedEndIds: [],
    unmatchedEndCount: 0,
  }
  const repeats: Repeats = {
    counts: new Map(),
    latestOpen: new Map(),
    shadowed: new Map(),
    madeUpKeys: new Set(),
  }
  for (const event of events) {
    if (event.phase === 'start') addStart(paired, event, repeats)
    else addEnd(paired, event, repeats)
  }
  return paired
}

function addStart(paired: PairedEvents, event: CBEvent, repeats: Repeats): void {
  const index = paired.pairs.length
  const first = paired.firstById.get(event.id)
  if (first === undefined) {
    const madeUp = repeats.madeUpKeys.size > 0 && repeats.madeUpKeys.has(event.id)
    const key = madeUp ? freeKey(event.id, 2, paired, repeats) : event.id
    paired.pairs.push({ key, start: event, end: undefined, duplicateOf: undefined })
    paired.firstById.set(event.id, index)
    return
  }
  const seen = repeats.counts.get(event.id) ?? 1
  repeats.counts.set(event.id, seen + 1)
  const key = freeKey(event.id, seen + 1, paired, repeats)
  paired.pairs.push({ key, start: event, end: undefined, duplicateOf: event.id })
  repeats.shadowed.set(index, latestOpen(paired, event.id, repeats))
  repeats.latestOpen.set(event.id, index)
}

function freeKey(id: string, from: number, paired: PairedEvents, repeats: Repeats): string {
  for (let count = from; ; count += 1) {
    const key = `${id}#${count}`
    if (!paired.firstById.has(key) && !repeats.madeUpKeys.has(key)) {
      repeats.madeUpKeys.add(key)
      return key
    }
  }
}

function addEnd(paired: PairedEvents, event: CBEvent, repeats: Repeats): void {
  const index = latestOpen(paired, event.id, repeats)
  const pair = paired.pairs[index]
  if (pair !== undefined) {
    if (repeats.latestOpen.has(event.id))
      repeats.latestOpen.set(event.id, repeats.shadowed.get(index) ?? -1)
    pair.end = event
    return
  }
  paired.unmatchedEndCount += 1
  if (paired.unmatchedEndIds.length < LISTED_UNMATCHED_ENDS) paired.unmatchedEndIds.push(event.id)
}

// An end closes the latest open pair of its id: an id started once has only its first pair.
function latestOpen(paired: PairedEvents, id: string, repeats: Repeats): number {
  const repeated = repeats.latestOpen.get(id)
  if (repeated !== undefined) return repeated
  const first = paired.firstById.get(id)
  return first !== undefined && paired.pairs[first]?.end === undefined ? first : -1
}
