import type { CBEvent, EventPhase } from '../../src/events/cb-event.js'
import type { EventPayloadRecord } from '../../src/events/event-payload.js'

export interface EventOptions {
  readonly parentId?: string
  readonly payload?: EventPayloadRecord
  readonly timeMs?: number
}

let clockMs = 1_700_000_000_000

/** A recorded event with a strictly increasing time unless one is given. */
export function cbEvent(
  phase: EventPhase,
  type: string,
  id: string,
  options: EventOptions = {},
): CBEvent {
  clockMs += 1.5
  return {
    type,
    phase,
    id,
    parentId: options.parentId,
    payload: options.payload,
    timeMs: options.timeMs ?? clockMs,
  }
}

export function startOf(type: string, id: string, options?: EventOptions): CBEvent {
  return cbEvent('start', type, id, options)
}

export function endOf(type: string, id: string, options?: EventOptions): CBEvent {
  return cbEvent('end', type, id, options)
}
