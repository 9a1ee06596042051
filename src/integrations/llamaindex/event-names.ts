/** The 17 events LlamaIndex.TS sends through `Settings.callbackManager`. */
export const LLAMAINDEX_EVENT_NAMES = [
  'llm-start',
  'llm-stream',
  'llm-end',
  'llm-tool-call',
  'llm-tool-result',
  'chunking-start',
  'chunking-end',
  'node-parsing-start',
  'node-parsing-end',
  'query-start',
  'query-end',
  'retrieve-start',
  'retrieve-end',
  'synthesize-start',
  'synthesize-end',
  'agent-start',
  'agent-end',
] as const

/**
 * The two events `traceEmbeddings` sends through the same manager (LlamaIndex.TS has none for
 * embeddings), so an embedding nests under the retrieval that asked for it.
 */
export const EMBEDDING_EVENT_NAMES = {
  start: 'vitest-wandb:embedding-start',
  end: 'vitest-wandb:embedding-end',
} as const

export type LlamaIndexEventName = (typeof LLAMAINDEX_EVENT_NAMES)[number]

export type AdapterEventName =
  LlamaIndexEventName | (typeof EMBEDDING_EVENT_NAMES)[keyof typeof EMBEDDING_EVENT_NAMES]

export const ADAPTER_EVENT_NAMES: readonly AdapterEventName[] = [
  ...LLAMAINDEX_EVENT_NAMES,
  EMBEDDING_EVENT_NAMES.start,
  EMBEDDING_EVENT_NAMES.end,
]
