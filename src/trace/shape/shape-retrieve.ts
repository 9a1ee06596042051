import { EventPayload } from '../../events/event-payload.js'
import { summarizeNodes } from '../nodes.js'
import { readKey } from '../read.js'
import { summarizePayload } from './payload-view.js'
import { NO_ATTRIBUTES } from './shaped-span.js'
import type { PayloadShaper } from './shaped-span.js'

/** The query and, for each retrieved node, its id, score and a bounded text preview. */
export const shapeRetrieve: PayloadShaper = ({ start, end }, { limits }) => {
  const nodes = readKey(end, EventPayload.NODES)
  return {
    inputs: summarizePayload(start, limits),
    outputs: summarizePayload(end, limits, {
      [EventPayload.NODES]: summarizeNodes(nodes, limits.maxChars) ?? undefined,
      num_nodes: Array.isArray(nodes) ? nodes.length : undefined,
    }),
    attributes: NO_ATTRIBUTES,
  }
}
