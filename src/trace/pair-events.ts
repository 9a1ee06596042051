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
  const openById = new Map<string, number[]>()
  const startsById = new Map<string, number>()
  for (const event of events) {
    if (event.phase === 'start') addStart(paired, event, openById, startsById)
    else addEnd(paired, event, openById)
  }
  return paired
}

function addStart(
  paired: PairedEvents,
  event: CBEvent,
  openById: Map<string, number[]>,
  startsById: Map<string, number>,
): void {
  const seen = startsById.get(event.id) ?? 0
  startsById.set(event.id, seen + 1)
  const index = paired.pairs.length
  paired.pairs.push({
    key: seen === 0 ? event.id : `${event.id}#${seen + 1}`,
    start: event,
    end: undefined,
    duplicateOf: seen === 0 ? undefined : event.id,
  })
  if (seen === 0) paired.firstById.set(event.id, index)
  const open = openById.get(event.id)
  if (open === undefined) openById.set(event.id, [index])
  else open.push(index)
}

function addEnd(paired: PairedEvents, event: CBEvent, openById: Map<string, number[]>): void {
  const index = openById.get(event.id)?.pop()
  const pair = index === undefined ? undefined : paired.pairs[index]
  if (pair !== undefined) {
    pair.end = event
    return
  }
  paired.unmatchedEndCount += 1
  if (paired.unmatchedEndIds.length < LISTED_UNMATCHED_ENDS) paired.unmatchedEndIds.push(event.id)
}
