import { describe, expect, it } from 'vitest'
import { networkFailure } from '../../../src/wandb/http/network-failure.js'

/** A network error as fetch throws it: a TypeError whose cause carries the socket's code. */
function fetchError(code: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) })
}

describe('networkFailure', () => {
  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'UND_ERR_SOCKET'])(
    'marks %s before any answer as unreachable, naming the code',
    (code) => {
      expect(networkFailure(fetchError(code), false)).toEqual({
        kind: 'unreachable',
        reason: `connection failed (${code})`,
      })
      expect(networkFailure(Object.assign(new Error('socket hang up'), { code }), false)).toEqual({
        kind: 'unreachable',
        reason: 'connection failed (socket hang up)',
      })
    },
  )

  it('marks the same errors after an answer began as retryable', () => {
    expect(networkFailure(fetchError('ECONNRESET'), true)).toEqual({
      kind: 'retryable',
      reason: 'connection failed (ECONNRESET)',
    })
    expect(networkFailure(fetchError('ECONNREFUSED'), true)).toMatchObject({ kind: 'retryable' })
  })

  it('marks other errors as retryable, whatever they are', () => {
    expect(networkFailure(fetchError('ETIMEDOUT'), false)).toEqual({
      kind: 'retryable',
      reason: 'connection failed (ETIMEDOUT)',
    })
    expect(networkFailure(new TypeError('Failed to fetch'), false)).toEqual({
      kind: 'retryable',
      reason: 'connection failed (Failed to fetch)',
    })
    expect(networkFailure('a string', false)).toEqual({
      kind: 'retryable',
      reason: 'connection failed',
    })
    expect(networkFailure(null, false)).toEqual({ kind: 'retryable', reason: 'connection failed' })
  })

  it('marks an address that is not a URL as a failure no retry can fix', () => {
    const invalid = new TypeError('Failed to parse URL from not a url/graphql', {
      cause: Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL' }),
    })
    expect(networkFailure(invalid, false)).toEqual({
      kind: 'failure',
      reason: 'the address is not a valid URL',
    })
    expect(networkFailure(invalid, true)).toMatchObject({ kind: 'failure' })
  })
})
