import type { CallbackHandler } from '../callbacks/callback-handler.js'
import type { EventPayloadRecord } from '../events/event-payload.js'
import type { TraceMap } from '../trace/trace-map.js'
import { currentTestHandler } from './test-scope.js'

/**
 * Forwards each call to the handler of the test whose async context made it, so events from shared
 * code (a framework's global callback manager) land in the right test, also when tests run concurrently.
 * Calls made outside any test are dropped.
 */
export class TestRoutingHandler implements CallbackHandler {
  readonly eventStartsToIgnore: readonly string[] = []
  readonly eventEndsToIgnore: readonly string[] = []

  onEventStart(
    eventType: string,
    payload?: EventPayloadRecord,
    eventId?: string,
    parentId?: string,
    traceKey?: string,
  ): string {
    return (
      currentTestHandler()?.onEventStart(eventType, payload, eventId, parentId, traceKey) ??
      eventId ??
      ''
    )
  }

  onEventEnd(
    eventType: string,
    payload?: EventPayloadRecord,
    eventId?: string,
    traceKey?: string,
  ): void {
    currentTestHandler()?.onEventEnd(eventType, payload, eventId, traceKey)
  }

  startTrace(traceId?: string, traceKey?: string): void {
    currentTestHandler()?.startTrace(traceId, traceKey)
  }

  endTrace(traceId?: string, traceMap?: TraceMap, traceKey?: string): void {
    currentTestHandler()?.endTrace(traceId, traceMap, traceKey)
  }
}
