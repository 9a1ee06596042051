import type { EventPayloadRecord } from '../events/event-payload.js'
import type { TraceMap } from '../trace/trace-map.js'

/**
 * What a `CallbackManager` calls. `traceKey` names the trace instance an event belongs to, so one
 * handler can keep concurrent traces apart; handlers that keep one trace at a time may ignore it.
 */
export interface CallbackHandler {
  readonly eventStartsToIgnore: readonly string[]
  readonly eventEndsToIgnore: readonly string[]
  onEventStart(
    eventType: string,
    payload?: EventPayloadRecord,
    eventId?: string,
    parentId?: string,
    traceKey?: string,
  ): string
  onEventEnd(
    eventType: string,
    payload?: EventPayloadRecord,
    eventId?: string,
    traceKey?: string,
  ): void
  startTrace(traceId?: string, traceKey?: string): void
  endTrace(traceId?: string, traceMap?: TraceMap, traceKey?: string): void
}
