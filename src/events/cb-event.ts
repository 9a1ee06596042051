import type { EventPayloadRecord } from './event-payload.js'

/** The phase of a callback event: its start or its end. */
export type EventPhase = 'start' | 'end'

/** One callback event as a handler records it. `timeMs` is epoch milliseconds with sub-millisecond precision. */
export interface CBEvent {
  readonly type: string
  readonly phase: EventPhase
  readonly id: string
  readonly parentId: string | undefined
  readonly payload: EventPayloadRecord | undefined
  readonly timeMs: number
}

// Read once: the getter is not free, and the origin never changes in a process.
const TIME_ORIGIN_MS = performance.timeOrigin

/** Epoch milliseconds with sub-millisecond precision (the seed kept whole seconds in local time). */
export function epochMs(): number {
  return TIME_ORIGIN_MS + performance.now()
}
