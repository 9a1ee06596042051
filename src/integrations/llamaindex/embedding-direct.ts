import { CBEventType } from '../../events/event-type.js'
import { ROOT_PARENT_ID } from '../../trace/trace-map.js'
import { readKey } from '../../trace/read.js'
import { EMBEDDING_EVENT_NAMES } from './event-names.js'
import { embeddingEndPayload, embeddingStartPayload } from './payloads.js'
import type { SpanTarget } from './llamaindex-types.js'

// Our span id for each embedding call in progress.
const spanIds = new Map<string, string>()

/** With no adapter attached, an embedding call is a top-level span of its own. */
export function emitDirectly(
  name: (typeof EMBEDDING_EVENT_NAMES)[keyof typeof EMBEDDING_EVENT_NAMES],
  detail: object,
  target: SpanTarget,
): void {
  const callId = readKey(detail, 'id') as string
  if (name === EMBEDDING_EVENT_NAMES.start) {
    const payload = embeddingStartPayload(detail)
    spanIds.set(
      callId,
      target.onEventStart(CBEventType.EMBEDDING, payload, undefined, ROOT_PARENT_ID),
    )
    return
  }
  const spanId = spanIds.get(callId)
  if (spanId === undefined) return
  spanIds.delete(callId)
  target.onEventEnd(CBEventType.EMBEDDING, embeddingEndPayload(detail), spanId)
}
