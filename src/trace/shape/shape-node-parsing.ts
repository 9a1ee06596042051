import { EventPayload } from '../../events/event-payload.js'
import { countOf } from '../nodes.js'
import { readKey } from '../read.js'
import { summarizePayload } from './payload-view.js'
import { NO_ATTRIBUTES } from './shaped-span.js'
import type { PayloadShaper } from './shaped-span.js'

/** Documents in and nodes out are counted, not copied (seed behaviour). */
export const shapeNodeParsing: PayloadShaper = ({ start, end }, { limits }) => ({
  inputs: summarizePayload(start, limits, {
    [EventPayload.DOCUMENTS]: undefined,
    num_documents: countOf(readKey(start, EventPayload.DOCUMENTS)),
  }),
  outputs: summarizePayload(end, limits, {
    [EventPayload.NODES]: undefined,
    num_nodes: countOf(readKey(end, EventPayload.NODES)),
  }),
  attributes: NO_ATTRIBUTES,
})
