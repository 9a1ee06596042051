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
  /**
   * For each pair, the innermost pair still open when it started (-1 when none was): its parent
   * in the usual case, which spares a lookup in a map as large as the trace.
   */
  readonly enclosing: number[]
  readonly unmatchedEndIds: string[]
  unmatchedEndCount: number
}

const LISTED_UNMATCHED_ENDS = 20

/** What pairing keeps on the way. Ids started once need nothing beyond `firstById`. */
interface Pairing {
  /** Made on the first repeated id: most traces have none. */
  repeats: Repeats | undefined
  /** Pairs in start order, innermost last; pairs closed out of order leave only when on top. */
  readonly openStack: number[]
}

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
    enclosing: [],
    unmatchedEndIds: [],
    unmatchedEndCount: 0,
  }
  const pairing: Pairing = { repeats: undefined, openStack: [] }
  for (const event of events) {
    if (event.phase === 'start') addStart(paired, event, pairing)
    else addEnd(paired, event, pairing)
  }
  return paired
}

function addStart(paired: PairedEvents, event: CBEvent, pairing: Pairing): void {
  const index = paired.pairs.length
  paired.enclosing.push(openTop(paired, pairing.openStack) ?? -1)
  const first = paired.firstById.get(event.id)
  if (first === undefined) {
    const madeUp = pairing.repeats?.madeUpKeys.has(event.id) === true
    const key = madeUp ? freeKey(event.id, 2, paired, repeatsOf(pairing)) : event.id
    paired.pairs.push({ key, start: event, end: undefined, duplicateOf: undefined })
    paired.firstById.set(event.id, index)
    pairing.openStack.push(index)
    return
  }
  const repeats = repeatsOf(pairing)
  const seen = repeats.counts.get(event.id) ?? 1
  repeats.counts.set(event.id, seen + 1)
  const key = freeKey(event.id, seen + 1, paired, repeats)
  paired.pairs.push({ key, start: event, end: undefined, duplicateOf: event.id })
  repeats.shadowed.set(index, latestOpen(paired, event.id, pairing))
  repeats.latestOpen.set(event.id, index)
  pairing.openStack.push(index)
}

function repeatsOf(pairing: Pairing): Repeats {
  pairing.repeats ??= {
    counts: new Map(),
    latestOpen: new Map(),
    shadowed: new Map(),
    madeUpKeys: new Set(),
  }
  return pairing.repeats
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

function addEnd(paired: PairedEvents, event: CBEvent, pairing: Pairing): void {
  const index = innermostOpen(paired, event.id, pairing) ?? latestOpen(paired, event.id, pairing)
  const pair = paired.pairs[index]
  if (pair !== undefined) {
    const repeats = pairing.repeats
    if (repeats?.latestOpen.has(event.id) === true)
      repeats.latestOpen.set(event.id, repeats.shadowed.get(index) ?? -1)
    pair.end = event
    return
  }
  paired.unmatchedEndCount += 1
  if (paired.unmatchedEndIds.length < LISTED_UNMATCHED_ENDS) paired.unmatchedEndIds.push(event.id)
}

// Ends mostly close the innermost open pair: when it has the end's id, it is the latest open pair
// of that id, found without a lookup in a map as large as the trace.
function innermostOpen(paired: PairedEvents, id: string, pairing: Pairing): number | undefined {
  const top = openTop(paired, pairing.openStack)
  return top !== undefined && paired.pairs[top]?.start.id === id ? top : undefined
}

function openTop(paired: PairedEvents, stack: number[]): number | undefined {
  while (stack.length > 0 && paired.pairs[stack[stack.length - 1] as number]?.end !== undefined)
    stack.pop()
  return stack[stack.length - 1]
}

// An end closes the latest open pair of its id: an id started once has only its first pair.
function latestOpen(paired: PairedEvents, id: string, pairing: Pairing): number {
  const repeated = pairing.repeats?.latestOpen.get(id)
  if (repeated !== undefined) return repeated
  const first = paired.firstById.get(id)
  return first !== undefined && paired.pairs[first]?.end === undefined ? first : -1
}
