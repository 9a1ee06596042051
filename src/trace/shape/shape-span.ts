import { CBEventType } from '../../events/event-type.js'
import { shapeEmbedding } from './shape-embedding.js'
import { shapeGeneric } from './shape-generic.js'
import { shapeLlm } from './shape-llm.js'
import { shapeNodeParsing } from './shape-node-parsing.js'
import { shapeResponseEvent } from './shape-query.js'
import { shapeRetrieve } from './shape-retrieve.js'
import type { EventPairPayloads, ShapeContext, ShapedSpan, PayloadShaper } from './shaped-span.js'

const SHAPER_BY_EVENT_TYPE: ReadonlyMap<string, PayloadShaper> = new Map([
  [CBEventType.LLM, shapeLlm],
  [CBEventType.QUERY, shapeResponseEvent],
  [CBEventType.SYNTHESIZE, shapeResponseEvent],
  [CBEventType.RETRIEVE, shapeRetrieve],
  [CBEventType.NODE_PARSING, shapeNodeParsing],
  [CBEventType.EMBEDDING, shapeEmbedding],
])

/** Shapes an event pair's payloads for its span; types without a rule keep both payloads, bounded. */
export function shapeSpan(
  eventType: string,
  pair: EventPairPayloads,
  context: ShapeContext,
): ShapedSpan {
  const shaper = SHAPER_BY_EVENT_TYPE.get(eventType) ?? shapeGeneric
  return shaper(pair, context)
}
