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

/** One start/end pair of a RAG query, with the pairs that nest inside it. */
export interface PlannedPair {
  readonly type: string
  readonly start: EventPayloadRecord
  readonly end: EventPayloadRecord
  readonly inner: readonly PlannedPair[]
}

function planned(
  type: string,
  start: EventPayloadRecord,
  end: EventPayloadRecord,
  inner: readonly PlannedPair[] = [],
): PlannedPair {
  return { type, start, end, inner }
}

/**
 * One RAG query as LlamaIndex reports it, three levels deep: retrieval (with an embedding and
 * five scored nodes), reranking, and synthesis (chunking, templating, two LLM calls that report
 * their usage so no tokenizer is loaded, a tool call).
 */
export function queryPlan(query: number): PlannedPair {
  const nodes = retrievedNodes(query)
  return planned(CBEventType.QUERY, QUERY, { [EventPayload.RESPONSE]: ANSWER }, [
    planned(CBEventType.RETRIEVE, QUERY, { [EventPayload.NODES]: nodes }, [
      planned(
        CBEventType.EMBEDDING,
        { [EventPayload.CHUNKS]: [QUERY.query_str] },
        {
          [EventPayload.CHUNKS]: [QUERY.query_str],
          [EventPayload.EMBEDDINGS]: [[0.1, 0.2, 0.3, 0.4]],
        },
      ),
    ]),
    planned(
      CBEventType.RERANKING,
      { ...QUERY, [EventPayload.TOP_K]: 3 },
      { [EventPayload.NODES]: nodes.slice(0, 3) },
    ),
    planned(
      CBEventType.SYNTHESIZE,
      QUERY,
      { [EventPayload.RESPONSE]: { response: ANSWER, sourceNodes: nodes } },
      [
        planned(
          CBEventType.CHUNKING,
          { [EventPayload.CHUNKS]: [NODE_TEXT, NODE_TEXT] },
          { [EventPayload.CHUNKS]: [NODE_TEXT] },
        ),
        planned(
          CBEventType.TEMPLATING,
          { [EventPayload.TEMPLATE]: 'Context: {context}\nQuestion: {query}' },
          {},
        ),
        planned(CBEventType.LLM, LLM_START, llmEnd(120 + (query % 7))),
        planned(
          CBEventType.FUNCTION_CALL,
          { [EventPayload.FUNCTION_CALL]: { name: 'lookup', args: { sku: query } } },
          { [EventPayload.FUNCTION_OUTPUT]: 'in stock' },
        ),
        planned(CBEventType.LLM, LLM_START, llmEnd(140)),
      ],
    ),
  ])
}

/** Sends a planned pair, and the pairs inside it, through a CallbackManager. */
export function recordPlan(cm: CallbackManager, pair: PlannedPair): void {
  const id = cm.onEventStart(pair.type, pair.start)
  for (const inner of pair.inner) recordPlan(cm, inner)
  cm.onEventEnd(pair.type, pair.end, id)
}

export function recordQuery(cm: CallbackManager, query: number): void {
  recordPlan(cm, queryPlan(query))
}
