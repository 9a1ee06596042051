import { describe, expect, it } from 'vitest'
import { CBEventType, EventPayload } from '../../src/events/index.js'
import type { EventPair } from '../../src/trace/pair-events.js'
import { spanStatus } from '../../src/trace/span-status.js'
import { endOf, startOf } from '../support/events.js'

function pair(
  type: string,
  endPayload?: Record<string, unknown> | null,
  startPayload = {},
): EventPair {
  return {
    key: 'e',
    start: startOf(type, 'e', { payload: startPayload }),
    end: endPayload === null ? undefined : endOf(type, 'e', { payload: endPayload ?? {} }),
    duplicateOf: undefined,
  }
}

describe('spanStatus', () => {
  it('is SUCCESS for an event that ended normally', () => {
    expect(spanStatus(pair(CBEventType.QUERY, {}), false)).toEqual({
      code: 'SUCCESS',
      message: null,
    })
  })

  it('is ERROR with the message when the end payload carries an exception', () => {
    const ended = pair(CBEventType.LLM, {
      [EventPayload.EXCEPTION]: new RangeError('rate limited'),
    })
    expect(spanStatus(ended, false)).toEqual({ code: 'ERROR', message: 'RangeError: rate limited' })
    const thrownText = pair(CBEventType.LLM, { [EventPayload.EXCEPTION]: 'timeout' })
    expect(spanStatus(thrownText, false)).toEqual({ code: 'ERROR', message: 'timeout' })
  })

  it('is ERROR for an exception event', () => {
    const withError = pair(CBEventType.EXCEPTION, {}, { [EventPayload.EXCEPTION]: new Error('x') })
    expect(spanStatus(withError, false)).toEqual({ code: 'ERROR', message: 'Error: x' })
    expect(spanStatus(pair(CBEventType.EXCEPTION, {}), false)).toEqual({
      code: 'ERROR',
      message: 'exception',
    })
  })

  it('is ERROR for an event that never ended', () => {
    expect(spanStatus(pair(CBEventType.RETRIEVE, null), false)).toEqual({
      code: 'ERROR',
      message: 'retrieve did not end before its trace ended',
    })
  })

  it('is SUCCESS for an unended event whose ends are ignored on purpose', () => {
    expect(spanStatus(pair(CBEventType.RETRIEVE, null), true)).toEqual({
      code: 'SUCCESS',
      message: null,
    })
  })
})
