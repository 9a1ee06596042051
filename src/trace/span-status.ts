import { CBEventType } from '../events/event-type.js'
import { EventPayload } from '../events/event-payload.js'
import { describeError } from '../warnings.js'
import type { EventPair } from './pair-events.js'
import { readKey } from './read.js'
import type { StatusCode } from './span.js'

export interface SpanStatus {
  readonly code: StatusCode
  readonly message: string | null
}

const SUCCESS: SpanStatus = { code: 'SUCCESS', message: null }

/**
 * ERROR when the end payload carries an exception, when the event is itself an exception, or when
 * the event never ended (unless its ends were ignored on purpose); SUCCESS otherwise. The seed
 * always said SUCCESS.
 */
export function spanStatus(pair: EventPair, endsIgnored: boolean): SpanStatus {
  const type = pair.start.type
  const carried =
    exceptionIn(pair.end?.payload) ??
    (type === CBEventType.EXCEPTION ? exceptionIn(pair.start.payload) : undefined)
  if (carried !== undefined) return { code: 'ERROR', message: describeError(carried.exception) }
  if (type === CBEventType.EXCEPTION) return { code: 'ERROR', message: 'exception' }
  if (pair.end === undefined && !endsIgnored) {
    return { code: 'ERROR', message: `${type} did not end before its trace ended` }
  }
  return SUCCESS
}

// Present counts, whatever the value: code that throws null or undefined still failed.
function exceptionIn(payload: unknown): { readonly exception: unknown } | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined
  try {
    if (!(EventPayload.EXCEPTION in payload)) return undefined
  } catch {
    return undefined
  }
  return { exception: readKey(payload, EventPayload.EXCEPTION) }
}
