import { readFirst, readKey } from './read.js'

/**
 * Whether a response is streamed: an async iterable, a web stream, or a response object carrying a
 * generator. (The seed compared a string's type name, so it never saw one.)
 */
export function isStreamedResponse(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  if (typeof readKey(value, Symbol.asyncIterator) === 'function') return true
  if (typeof ReadableStream !== 'undefined' && value instanceof ReadableStream) return true
  return readFirst(value, ['response_gen', 'responseGen', 'achunk_gen']) !== undefined
}
