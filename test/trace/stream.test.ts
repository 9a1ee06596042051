import { describe, expect, it } from 'vitest'
import { isStreamedResponse } from '../../src/trace/stream.js'

describe('isStreamedResponse', () => {
  it('detects async iterables and web streams', () => {
    async function* tokens() {
      yield 'a'
    }
    expect(isStreamedResponse(tokens())).toBe(true)
    expect(isStreamedResponse({ [Symbol.asyncIterator]: () => ({}) })).toBe(true)
    expect(isStreamedResponse(new ReadableStream())).toBe(true)
  })

  it('detects response objects carrying a generator', () => {
    expect(isStreamedResponse({ response_gen: {} })).toBe(true)
    expect(isStreamedResponse({ responseGen: {} })).toBe(true)
    expect(isStreamedResponse({ achunk_gen: {} })).toBe(true)
  })

  it('does not mistake text or plain responses for streams', () => {
    expect(isStreamedResponse('StreamingResponse')).toBe(false)
    expect(isStreamedResponse({ response: 'done' })).toBe(false)
    expect(isStreamedResponse(['a', 'b'])).toBe(false)
    expect(isStreamedResponse(null)).toBe(false)
  })

  it('does not start iterating what it inspects', () => {
    let started = false
    const lazy = {
      [Symbol.asyncIterator]() {
        started = true
        return { next: async () => ({ done: true, value: undefined }) }
      },
    }
    expect(isStreamedResponse(lazy)).toBe(true)
    expect(started).toBe(false)
  })
})
