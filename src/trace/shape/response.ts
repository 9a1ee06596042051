import { EventPayload } from '../../events/event-payload.js'
import type { EventPayloadRecord } from '../../events/event-payload.js'
import type { JsonObject, JsonValue } from '../../json.js'
import type { PayloadLimits } from '../limits.js'
import { summarizeNodes } from '../nodes.js'
import { readFirst, readKey } from '../read.js'
import { isStreamedResponse } from '../stream.js'
import { textOf } from '../text.js'
import { truncateText } from '../truncate.js'
import { summarizePayload } from './payload-view.js'

const SOURCE_NODES_KEYS = ['sourceNodes', 'source_nodes']

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
    readFirst(response, SOURCE_NODES_KEYS) ?? readKey(end, EventPayload.NODES),
    limits.maxChars,
  )
  const replacements: Record<string, JsonValue | undefined> = {
    [EventPayload.RESPONSE]: text === undefined ? null : truncateText(text, limits.maxChars),
    [EventPayload.NODES]: undefined,
  }
  if (streamed) replacements['streamed'] = true
  if (sources !== undefined) replacements['source_nodes'] = sources
  return summarizePayload(end, limits, replacements)
}

// A stream that was already drained may hold its full text; an undrained one is left alone.
function readStreamedText(response: unknown): string | undefined {
  const text = readKey(response, 'response')
  return typeof text === 'string' ? text : undefined
}
