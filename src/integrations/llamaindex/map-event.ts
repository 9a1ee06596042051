import type { LlamaIndexEventCaller } from './llamaindex-types.js'
import type { SpanTracker } from './span-tracker.js'

/** How one LlamaIndex.TS event changes the open spans. */
export type MapEvent = (
  spans: SpanTracker,
  detail: unknown,
  caller: LlamaIndexEventCaller | null,
) => void
