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

/**
 * ERROR when the end payload carries an exception, when the event is itself an exception, or when
 * the event never ended (unless its ends were ignored on purpose); SUCCESS otherwise. The seed
 * always said SUCCESS.
 */
export function spanStatus(pair: EventPair, endsIgnored: boolean): SpanStatus {
  const type = pair.start.type
  const exception =
    readKey(pair.end?.payload, EventPayload.EXCEPTION) ??
    (type === CBEventType.EXCEPTION
      ? readKey(pair.start.payload, EventPayload.EXCEPTION)
      : undefined)
  if (exception !== undefined) return { code: 'ERROR', message: describeError(exception) }
  if (type === CBEventType.EXCEPTION) return { code: 'ERROR', message: 'exception' }
  if (pair.end === undefined && !endsIgnored) {
    return { code: 'ERROR', message: `${type} did not end before its trace ended` }
  }
  return { code: 'SUCCESS', message: null }
}
