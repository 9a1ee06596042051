import { EventPayload } from '../../events/event-payload.js'
import type { EventPayloadRecord } from '../../events/event-payload.js'
import { contentText } from '../../trace/content-text.js'
import { isList, readKey } from '../../trace/read.js'

// Payloads keep LlamaIndex's own objects (nodes, responses, messages): the handler shapes and
// bounds them when the trace ends, so nothing is copied on the pipeline's path.

export const llmStartPayload = (detail: unknown): EventPayloadRecord => ({
  [EventPayload.MESSAGES]: readKey(detail, 'messages'),
})

export function llmEndPayload(detail: unknown, streamChunks: number): EventPayloadRecord {
  const response = { [EventPayload.RESPONSE]: readKey(detail, 'response') }
  return streamChunks === 0 ? response : { ...response, stream_chunks: streamChunks }
}

export function toolCallPayload(detail: unknown): EventPayloadRecord {
  const call = readKey(detail, 'toolCall')
  return {
    [EventPayload.TOOL]: { name: readKey(call, 'name') },
    [EventPayload.FUNCTION_CALL]: readKey(call, 'input'),
  }
}

export function toolResultPayload(detail: unknown): EventPayloadRecord {
  const result = readKey(detail, 'toolResult')
  const output = { [EventPayload.FUNCTION_OUTPUT]: readKey(result, 'output') }
  return readKey(result, 'isError') === true
    ? { ...output, [EventPayload.EXCEPTION]: readKey(result, 'output') }
    : output
}

export const chunkingStartPayload = (detail: unknown): EventPayloadRecord => ({
  [EventPayload.CHUNKS]: readKey(detail, 'text'),
})

export const chunkingEndPayload = (detail: unknown): EventPayloadRecord => ({
  [EventPayload.CHUNKS]: readKey(detail, 'chunks'),
})

export const nodeParsingStartPayload = (detail: unknown): EventPayloadRecord => ({
  [EventPayload.DOCUMENTS]: readKey(detail, 'documents'),
})

export const nodesPayload = (detail: unknown): EventPayloadRecord => ({
  [EventPayload.NODES]: readKey(detail, 'nodes'),
})

/** Query, retrieve and synthesize starts: the query as text. */
export const queryPayload = (detail: unknown): EventPayloadRecord => ({
  [EventPayload.QUERY_STR]: queryText(readKey(detail, 'query')),
})

export const responsePayload = (detail: unknown): EventPayloadRecord => ({
  [EventPayload.RESPONSE]: readKey(detail, 'response'),
})

// The synthesizer's nodes name the sources even when the response is a stream that holds none yet.
export const synthesizeEndPayload = (detail: unknown): EventPayloadRecord => ({
  [EventPayload.RESPONSE]: readKey(detail, 'response'),
  [EventPayload.NODES]: readKey(readKey(detail, 'query'), 'nodes'),
})

export const embeddingStartPayload = (detail: unknown): EventPayloadRecord => ({
  [EventPayload.MODEL_NAME]: readKey(detail, 'model'),
  [EventPayload.CHUNKS]: readKey(detail, 'texts'),
})

export function embeddingEndPayload(detail: unknown): EventPayloadRecord {
  return readKey(detail, 'failed') === true
    ? { [EventPayload.EXCEPTION]: readKey(detail, 'error') }
    : { [EventPayload.EMBEDDINGS]: readKey(detail, 'embeddings') }
}

export const stepStartPayload = (step: unknown): EventPayloadRecord => ({
  [EventPayload.MESSAGES]: stepMessages(step),
})

export function stepEndPayload(step: unknown): EventPayloadRecord {
  const messages = stepMessages(step)
  return { [EventPayload.RESPONSE]: Array.isArray(messages) ? messages.at(-1) : undefined }
}

function stepMessages(step: unknown): unknown {
  return readKey(readKey(readKey(step, 'context'), 'store'), 'messages')
}

// A synthesizer's query wraps the engine's query bundle, which wraps the text.
const MAX_QUERY_NESTING = 3

/** A LlamaIndex query (text, content parts, or a bundle whose `query` is one of these) as text. */
export function queryText(query: unknown, depth = 0): string | undefined {
  if (typeof query === 'string' || isList(query)) return contentText(query)
  const inner = readKey(query, 'query')
  return inner === undefined || depth >= MAX_QUERY_NESTING ? undefined : queryText(inner, depth + 1)
}
