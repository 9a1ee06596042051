import { EventPayload } from '../../events/event-payload.js'
import type { EventPayloadRecord } from '../../events/event-payload.js'
import { CBEventType } from '../../events/event-type.js'
import { readKey } from '../../trace/read.js'
import type { MapEvent } from './map-event.js'
import { toolCallPayload, toolResultPayload } from './payloads.js'
import { idAt } from './read-id.js'

/** LlamaIndex.TS catches a failing tool and sends no result for it: its span ends without one. */
export const NO_TOOL_RESULT: EventPayloadRecord = {
  [EventPayload.EXCEPTION]:
    'the tool call ended without a result (the tool failed or returned no JSON)',
}

const toolCallId = (detail: unknown): string | undefined => idAt(readKey(detail, 'toolCall'), 'id')

/**
 * Tools run one after another: a tool call still innermost when the next one starts got no result,
 * so it ends there, and the next call starts beside it rather than inside it.
 */
export const toolCallStarted: MapEvent = (spans, detail, caller) => {
  const innermost = spans.innermost(caller)
  if (innermost?.type === CBEventType.FUNCTION_CALL) spans.end(innermost, NO_TOOL_RESULT)
  spans.start(CBEventType.FUNCTION_CALL, caller, toolCallPayload(detail), toolCallId(detail))
}

export const toolCallEnded: MapEvent = (spans, detail, caller) => {
  const span = spans.find(CBEventType.FUNCTION_CALL, caller, toolCallId(detail))
  if (span !== undefined) spans.end(span, toolResultPayload(detail))
}
