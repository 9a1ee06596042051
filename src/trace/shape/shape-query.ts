import { summarizePayload } from './payload-view.js'
import { responseOutputs } from './response.js'
import { NO_ATTRIBUTES } from './shaped-span.js'
import type { PayloadShaper } from './shaped-span.js'

/** Query and synthesize spans: the query in, the response text and its sources out. */
export const shapeResponseEvent: PayloadShaper = ({ start, end }, { limits }) => ({
  inputs: summarizePayload(start, limits),
  outputs: responseOutputs(end, limits),
  attributes: NO_ATTRIBUTES,
})
