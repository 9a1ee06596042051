// A handler made from this entry can open W&B runs (`runArgs`).
export { WandbCallbackHandler } from './run-handler.js'
export type { WandbCallbackHandlerOptions } from './handler.js'
export { CallbackManager } from './callbacks/callback-manager.js'
export type { CallbackManagerOptions, EventScope } from './callbacks/callback-manager.js'
export type { CallbackHandler } from './callbacks/callback-handler.js'
export { CBEventType, EventPayload, epochMs, isKnownEventType } from './events/index.js'
export type { CBEvent, EventPayloadRecord, EventPhase } from './events/index.js'
export { SpanKind } from './trace/span-kind.js'
export { toWandbTraceTree } from './trace/span.js'
export type {
  Span,
  SpanResult,
  StatusCode,
  TraceStats,
  TraceTree,
  WandbTraceTreeValue,
} from './trace/span.js'
export { InMemoryTraceSink } from './trace/trace-sink.js'
export type { TraceSink } from './trace/trace-sink.js'
export type { TraceMap, TraceMapInput } from './trace/trace-map.js'
export {
  cl100kTokenizer,
  tokenizerForEncoding,
  TOKENIZER_ENCODINGS,
} from './trace/token-counter.js'
export type { Tokenizer, TokenizerEncoding } from './trace/token-counter.js'
export type { TokenUsage } from './trace/usage.js'
export { retrievalMetrics } from './evaluation/retrieval-metrics.js'
export type {
  RetrievalId,
  RetrievalMetrics,
  RetrievalMetricsOptions,
} from './evaluation/retrieval-metrics.js'
export { retrievedNodeIds } from './evaluation/retrieved-node-ids.js'
export type { JsonValue, JsonObject } from './json.js'
export { onWarning } from './warnings.js'
export type { WarningListener } from './warnings.js'
export type { WandbRunArgs } from './sinks/wandb-trace-sink.js'
export { loadStorageContext } from './indexes/load-storage-context.js'
export type {
  LoadedStorageContext,
  LoadStorageContextOptions,
} from './indexes/load-storage-context.js'
export type { PersistIndexOptions } from './indexes/persist-index.js'
export type { PersistedFile, PersistedIndex } from './wandb/artifacts/artifact-types.js'
export type { ResolvedArtifact } from './wandb/artifacts/artifact-types.js'
export type { DiffJson } from './compare/diff-json.js'
export type {
  ChangeKind,
  CompareOptions,
  ComparisonSummary,
  Delta,
  DurationNoise,
  MaybeDelta,
  Regression,
  SessionComparison,
  SideFacts,
  Sides,
  TestComparison,
  Tokens,
} from './compare/comparison.js'
export type { Hunk } from './compare/hunks.js'
export type { OutlineChange } from './compare/outline-change.js'
