import { summarizePayload } from './payload-view.js'
import { NO_ATTRIBUTES } from './shaped-span.js'
import type { PayloadShaper } from './shaped-span.js'

/** Start payload as inputs and end payload as outputs, bounded: what the seed does for most types. */
export const shapeGeneric: PayloadShaper = ({ start, end }, { limits }) => ({
  inputs: summarizePayload(start, limits),
  outputs: summarizePayload(end, limits),
  attributes: NO_ATTRIBUTES,
})
