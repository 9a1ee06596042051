import { EventPayload } from '../../events/event-payload.js'
import { countOf } from '../nodes.js'
import { readKey } from '../read.js'
import { summarizePayload } from './payload-view.js'
import { NO_ATTRIBUTES } from './shaped-span.js'
import type { PayloadShaper } from './shaped-span.js'

/** Chunks and vectors are counted, not copied: an embedding span says how much was embedded. */
export const shapeEmbedding: PayloadShaper = ({ start, end }, { limits }) => {
  const chunks = readKey(end, EventPayload.CHUNKS) ?? readKey(start, EventPayload.CHUNKS)
  const embeddings = readKey(end, EventPayload.EMBEDDINGS)
  const firstVector: unknown = Array.isArray(embeddings) ? embeddings[0] : undefined
  return {
    inputs: summarizePayload(start, limits, { [EventPayload.CHUNKS]: undefined }),
    outputs: {
      num_chunks: countOf(chunks) ?? 0,
      ...(Array.isArray(firstVector) ? { dimensions: firstVector.length } : {}),
    },
    attributes: NO_ATTRIBUTES,
  }
}
