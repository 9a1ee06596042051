import { stringOf } from '../trace/read.js'
import { truncateText } from '../trace/truncate.js'

const MAX_EVENT_TYPE_CHARS = 100

/** An event type as a bounded string, whatever the caller passed (unknown types keep their name). */
export function eventTypeName(eventType: unknown): string {
  const name = typeof eventType === 'string' ? eventType : stringOf(eventType)
  return truncateText(name === '' ? 'unknown' : name, MAX_EVENT_TYPE_CHARS)
}
