import { CBEventType } from '../events/event-type.js'

/** W&B's span kinds; `null` where the seed gives none. */
export const SpanKind = {
  LLM: 'LLM',
  CHAIN: 'CHAIN',
  AGENT: 'AGENT',
  TOOL: 'TOOL',
} as const

export type SpanKind = (typeof SpanKind)[keyof typeof SpanKind]

const KIND_BY_EVENT_TYPE: ReadonlyMap<string, SpanKind> = new Map<string, SpanKind>([
  [CBEventType.LLM, SpanKind.LLM],
  [CBEventType.QUERY, SpanKind.AGENT],
  [CBEventType.AGENT_STEP, SpanKind.AGENT],
  [CBEventType.RETRIEVE, SpanKind.TOOL],
  [CBEventType.FUNCTION_CALL, SpanKind.TOOL],
  [CBEventType.SYNTHESIZE, SpanKind.CHAIN],
  [CBEventType.TREE, SpanKind.CHAIN],
  [CBEventType.SUB_QUESTION, SpanKind.CHAIN],
  [CBEventType.RERANKING, SpanKind.CHAIN],
])

/** The seed's span-kind map: chunking, node parsing, embedding and unknown types have no kind. */
export function spanKindOf(eventType: string): SpanKind | null {
  return KIND_BY_EVENT_TYPE.get(eventType) ?? null
}
