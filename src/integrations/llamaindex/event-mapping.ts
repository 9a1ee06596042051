import type { EventPayloadRecord } from '../../events/event-payload.js'
import { CBEventType } from '../../events/event-type.js'
import { agentStepEnded, agentStepStarted } from './agent-steps.js'
import type { AdapterEventName } from './event-names.js'
import { EMBEDDING_EVENT_NAMES } from './event-names.js'
import type { MapEvent } from './map-event.js'
import * as payload from './payloads.js'
import { idAt } from './read-id.js'
import { toolCallEnded, toolCallStarted } from './tool-calls.js'

type PayloadOf = (detail: unknown) => EventPayloadRecord

type IdReader = (detail: unknown) => string | undefined

const ownId: IdReader = (detail) => idAt(detail, 'id')
const noId: IdReader = () => undefined

/** A start; `idOf` reads the id its end will carry (none: the end pairs by order). */
function starts(type: string, payloadOf: PayloadOf, idOf: IdReader = ownId): MapEvent {
  return (spans, detail, caller) => void spans.start(type, caller, payloadOf(detail), idOf(detail))
}

function ends(type: string, payloadOf: PayloadOf, idOf: IdReader = ownId): MapEvent {
  return (spans, detail, caller) => {
    const span = spans.find(type, caller, idOf(detail))
    if (span !== undefined) spans.end(span, payloadOf(detail))
  }
}

const llmStream: MapEvent = (spans, detail, caller) => {
  const span = spans.find(CBEventType.LLM, caller, ownId(detail))
  if (span !== undefined) span.streamChunks += 1
}

const llmEnd: MapEvent = (spans, detail, caller) => {
  const span = spans.find(CBEventType.LLM, caller, ownId(detail))
  if (span !== undefined) spans.end(span, payload.llmEndPayload(detail, span.streamChunks))
}

/** How each event becomes a span start or end, with the seed's payload keys. */
export const EVENT_MAPPING: Readonly<Record<AdapterEventName, MapEvent>> = {
  'llm-start': starts(CBEventType.LLM, payload.llmStartPayload),
  'llm-stream': llmStream,
  'llm-end': llmEnd,
  'llm-tool-call': toolCallStarted,
  'llm-tool-result': toolCallEnded,
  'chunking-start': starts(CBEventType.CHUNKING, payload.chunkingStartPayload, noId),
  'chunking-end': ends(CBEventType.CHUNKING, payload.chunkingEndPayload, noId),
  'node-parsing-start': starts(CBEventType.NODE_PARSING, payload.nodeParsingStartPayload, noId),
  'node-parsing-end': ends(CBEventType.NODE_PARSING, payload.nodesPayload, noId),
  'query-start': starts(CBEventType.QUERY, payload.queryPayload),
  'query-end': ends(CBEventType.QUERY, payload.responsePayload),
  'retrieve-start': starts(CBEventType.RETRIEVE, payload.queryPayload),
  'retrieve-end': ends(CBEventType.RETRIEVE, payload.nodesPayload),
  'synthesize-start': starts(CBEventType.SYNTHESIZE, payload.queryPayload),
  'synthesize-end': ends(CBEventType.SYNTHESIZE, payload.synthesizeEndPayload),
  'agent-start': agentStepStarted,
  'agent-end': agentStepEnded,
  [EMBEDDING_EVENT_NAMES.start]: starts(CBEventType.EMBEDDING, payload.embeddingStartPayload),
  [EMBEDDING_EVENT_NAMES.end]: ends(CBEventType.EMBEDDING, payload.embeddingEndPayload),
}
