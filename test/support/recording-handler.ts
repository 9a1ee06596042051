import type { CallbackHandler } from '../../src/callbacks/callback-handler.js'
import type { EventPayloadRecord } from '../../src/events/event-payload.js'
import type { TraceMap } from '../../src/trace/trace-map.js'

export type RecordedCall =
  | {
      hook: 'onEventStart'
      type: string
      payload: EventPayloadRecord | undefined
      id: string
      parentId: string | undefined
      traceKey: string | undefined
    }
  | {
      hook: 'onEventEnd'
      type: string
      payload: EventPayloadRecord | undefined
      id: string
      traceKey: string | undefined
    }
  | { hook: 'startTrace'; traceId: string | undefined; traceKey: string | undefined }
  | {
      hook: 'endTrace'
      traceId: string | undefined
      traceMap: TraceMap | undefined
      traceKey: string | undefined
    }

/** A handler that only writes down what the manager hands it. */
export class RecordingHandler implements CallbackHandler {
  readonly calls: RecordedCall[] = []

  constructor(
    readonly eventStartsToIgnore: readonly string[] = [],
    readonly eventEndsToIgnore: readonly string[] = [],
  ) {}

  onEventStart(
    type: string,
    payload?: EventPayloadRecord,
    id = '',
    parentId?: string,
    traceKey?: string,
  ): string {
    this.calls.push({ hook: 'onEventStart', type, payload, id, parentId, traceKey })
    return id
  }

  onEventEnd(type: string, payload?: EventPayloadRecord, id = '', traceKey?: string): void {
    this.calls.push({ hook: 'onEventEnd', type, payload, id, traceKey })
  }

  startTrace(traceId?: string, traceKey?: string): void {
    this.calls.push({ hook: 'startTrace', traceId, traceKey })
  }

  endTrace(traceId?: string, traceMap?: TraceMap, traceKey?: string): void {
    this.calls.push({ hook: 'endTrace', traceId, traceMap, traceKey })
  }

  hooks(): string[] {
    return this.calls.map((call) => call.hook)
  }
}
