/** The kinds of callback event, with the string values of LlamaIndex's Python `CBEventType`. */
export const CBEventType = {
  CHUNKING: 'chunking',
  NODE_PARSING: 'node_parsing',
  EMBEDDING: 'embedding',
  LLM: 'llm',
  QUERY: 'query',
  RETRIEVE: 'retrieve',
  SYNTHESIZE: 'synthesize',
  TREE: 'tree',
  SUB_QUESTION: 'sub_question',
  TEMPLATING: 'templating',
  FUNCTION_CALL: 'function_call',
  RERANKING: 'reranking',
  EXCEPTION: 'exception',
  AGENT_STEP: 'agent_step',
} as const

export type CBEventType = (typeof CBEventType)[keyof typeof CBEventType]

const knownEventTypes: ReadonlySet<string> = new Set(Object.values(CBEventType))

export function isKnownEventType(value: unknown): value is CBEventType {
  return typeof value === 'string' && knownEventTypes.has(value)
}
