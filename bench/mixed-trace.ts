import { CBEventType, EventPayload } from '../src/index.js'
import type { CallbackManager, EventPayloadRecord } from '../src/index.js'

const NODE_TEXT = 'Refunds are accepted within 30 days of purchase, with a receipt, at any store.'
const ANSWER = 'You can return an item within 30 days if you keep the receipt.'
const QUERY = { [EventPayload.QUERY_STR]: 'How long do I have to return an item?' }

/** Pairs in one `recordQuery` call. */
export const PAIRS_PER_QUERY = 10

function retrievedNodes(query: number): EventPayloadRecord[] {
  return Array.from({ length: 5 }, (_, rank) => ({
    node: { id_: `node-${query}-${rank}`, text: NODE_TEXT, metadata: { file: 'handbook.md' } },
    score: 0.9 - rank * 0.1,
  }))
}

function llmEnd(promptTokens: number): EventPayloadRecord {
  return {
    [EventPayload.RESPONSE]: {
      message: { role: 'assistant', content: ANSWER },
      raw: {
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: 14,
          total_tokens: promptTokens + 14,
        },
      },
    },
  }
}

const LLM_START = {
  [EventPayload.MESSAGES]: [
    { role: 'system', content: 'Answer from the context only.' },
    { role: 'user', content: `Context: ${NODE_TEXT}\nQuestion: ${QUERY.query_str}` },
  ],
}

function pair(
  cm: CallbackManager,
  type: string,
  start: EventPayloadRecord,
  end: EventPayloadRecord,
  inner?: () => void,
): void {
  const id = cm.onEventStart(type, start)
  inner?.()
  cm.onEventEnd(type, end, id)
}

/**
 * One RAG query as LlamaIndex reports it, three levels deep: retrieval (with an embedding and
 * five scored nodes), reranking, and synthesis (chunking, templating, two LLM calls that report
 * their usage so no tokenizer is loaded, a tool call).
 */
export function recordQuery(cm: CallbackManager, query: number): void {
  const nodes = retrievedNodes(query)
  pair(cm, CBEventType.QUERY, QUERY, { [EventPayload.RESPONSE]: ANSWER }, () => {
    pair(cm, CBEventType.RETRIEVE, QUERY, { [EventPayload.NODES]: nodes }, () =>
      pair(
        cm,
        CBEventType.EMBEDDING,
        { [EventPayload.CHUNKS]: [QUERY.query_str] },
        {
          [EventPayload.CHUNKS]: [QUERY.query_str],
          [EventPayload.EMBEDDINGS]: [[0.1, 0.2, 0.3, 0.4]],
        },
      ),
    )
    pair(
      cm,
      CBEventType.RERANKING,
      { ...QUERY, [EventPayload.TOP_K]: 3 },
      { [EventPayload.NODES]: nodes.slice(0, 3) },
    )
    pair(
      cm,
      CBEventType.SYNTHESIZE,
      QUERY,
      { [EventPayload.RESPONSE]: { response: ANSWER, sourceNodes: nodes } },
      () => {
        pair(
          cm,
          CBEventType.CHUNKING,
          { [EventPayload.CHUNKS]: [NODE_TEXT, NODE_TEXT] },
          { [EventPayload.CHUNKS]: [NODE_TEXT] },
        )
        pair(
          cm,
          CBEventType.TEMPLATING,
          { [EventPayload.TEMPLATE]: 'Context: {context}\nQuestion: {query}' },
          {},
        )
        pair(cm, CBEventType.LLM, LLM_START, llmEnd(120 + (query % 7)))
        pair(
          cm,
          CBEventType.FUNCTION_CALL,
          { [EventPayload.FUNCTION_CALL]: { name: 'lookup', args: { sku: query } } },
          { [EventPayload.FUNCTION_OUTPUT]: 'in stock' },
        )
        pair(cm, CBEventType.LLM, LLM_START, llmEnd(140))
      },
    )
  })
}
