import { EventPayload } from '../../events/event-payload.js'
import type { EventPayloadRecord } from '../../events/event-payload.js'
import type { JsonObject } from '../json.js'
import type { PayloadLimits } from '../limits.js'
import { summarizeNodes } from '../nodes.js'
import { readFirst, readKey } from '../read.js'
import { isStreamedResponse } from '../stream.js'
import { textOf } from '../text.js'
import { truncateText } from '../truncate.js'
import { summarizePayload } from './payload-view.js'

/**
 * Outputs of an end payload that carries an engine response: its text (a streamed response is marked,
 * and never consumed here), and the source nodes it cites.
 */
export function responseOutputs(
  end: EventPayloadRecord | undefined,
  limits: PayloadLimits,
): JsonObject | null {
  if (end === undefined) return null
  const response = readKey(end, EventPayload.RESPONSE)
  const streamed = isStreamedResponse(response)
  const text = streamed ? readStreamedText(response) : textOf(response)
  const sources = summarizeNodes(
    readFirst(response, ['sourceNodes', 'source_nodes']) ?? readKey(end, EventPayload.NODES),
  )
  return summarizePayload(end, limits, {
    [EventPayload.RESPONSE]: text === undefined ? null : truncateText(text, limits.maxChars),
    [EventPayload.NODES]: undefined,
    ...(streamed ? { streamed: true } : {}),
    ...(sources === undefined ? {} : { source_nodes: sources }),
  })
}

// A stream that was already drained may hold its full text; an undrained one is left alone.
function readStreamedText(response: unknown): string | undefined {
  const text = readKey(response, 'response')
  return typeof text === 'string' ? text : undefined
}
