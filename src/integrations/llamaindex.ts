export { attachLlamaIndex } from './llamaindex/attach.js'
export type { AttachLlamaIndexOptions } from './llamaindex/attach.js'
export { attachLlamaIndexIfInstalled } from './llamaindex/attach-if-installed.js'
export { traceEmbeddings, TRACED_EMBEDDING_METHODS } from './llamaindex/trace-embeddings.js'
export type { EmbeddingModel, TraceEmbeddingsOptions } from './llamaindex/trace-embeddings.js'
export { EMBEDDING_EVENT_NAMES, LLAMAINDEX_EVENT_NAMES } from './llamaindex/event-names.js'
export type { LlamaIndexEventName } from './llamaindex/event-names.js'
export type {
  LlamaIndexCallbackManager,
  LlamaIndexEvent,
  LlamaIndexEventCaller,
  LlamaIndexListener,
  SpanTarget,
} from './llamaindex/llamaindex-types.js'
