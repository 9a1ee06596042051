import { describe, expect, it } from 'vitest'
import { Deadline } from '../../../src/wandb/http/deadline.js'
import type { HttpResult } from '../../../src/wandb/http/http-result.js'
import { sendWithRetries } from '../../../src/wandb/http/send-with-retries.js'
import type { RetryPolicy } from '../../../src/wandb/http/send-with-retries.js'

const POLICY: RetryPolicy = {
  requestTimeoutMs: 1_000,
  maxAttempts: 5,
  initialBackoffMs: 1,
  maxBackoffMs: 4,
  unreachableBudgetMs: 1_000,
}
const REQUEST = { method: 'POST' as const, url: 'http://wandb.test/graphql' }

function scripted(results: HttpResult[]): {
  send: (request: unknown, timeoutMs: number) => Promise<HttpResult>
  timeouts: number[]
} {
  const timeouts: number[] = []
  return {
    timeouts,
    send: async (_request, timeoutMs) => {
      timeouts.push(timeoutMs)
      const next = results.shift()
      if (next === undefined) throw new Error('sent more often than scripted')
      return next
    },
  }
}

const ok: HttpResult = { kind: 'success', status: 200, body: '{}' }
const busy: HttpResult = { kind: 'retryable', status: 503, reason: 'HTTP 503' }
const refused: HttpResult = { kind: 'unreachable', reason: 'connection failed (ECONNREFUSED)' }

/** Sends REQUEST through `transport` with the test policy, under a deadline of `deadlineMs`. */
function retried(
  transport: { send: (request: unknown, timeoutMs: number) => Promise<HttpResult> },
  deadlineMs = 5_000,
): Promise<HttpResult> {
  return sendWithRetries(REQUEST, new Deadline(deadlineMs), POLICY, undefined, transport.send)
}

/** A transport whose every request hangs until its timeout, as a server that never answers. */
function silent(): {
  send: (request: unknown, timeoutMs: number) => Promise<HttpResult>
  sent: number
} {
  const transport = {
    sent: 0,
    send: async (_request: unknown, timeoutMs: number): Promise<HttpResult> => {
      transport.sent += 1
      await new Promise((wake) => setTimeout(wake, timeoutMs))
      return { kind: 'retryable', reason: `timed out after ${timeoutMs} ms` }
    },
  }
  return transport
}

describe('sendWithRetries', () => {
  it('retries when the answer is retryable, until one succeeds', async () => {
    const transport = scripted([busy, busy, ok])
    const result = await retried(transport)
    expect(result).toEqual(ok)
    expect(transport.timeouts).toHaveLength(3)
  })

  it('does not retry a failure that retrying cannot fix', async () => {
    const transport = scripted([{ kind: 'failure', status: 400, reason: 'HTTP 400' }])
    const result = await retried(transport)
    expect(result).toMatchObject({ kind: 'failure', status: 400 })
    expect(transport.timeouts).toHaveLength(1)
  })

  it('gives up after the last attempt with the last answer', async () => {
    const transport = scripted([busy, busy, busy, busy, busy])
    const result = await retried(transport)
    expect(result).toEqual(busy)
    expect(transport.timeouts).toHaveLength(5)
  })

  it('waits as long as Retry-After says', async () => {
    const transport = scripted([
      { kind: 'retryable', status: 429, reason: 'HTTP 429', retryAfterMs: 120 },
      ok,
    ])
    const started = Date.now()
    await retried(transport)
    expect(Date.now() - started).toBeGreaterThanOrEqual(115)
  })

  it('does not wait past the deadline for a Retry-After, nor give a request more time than is left', async () => {
    const transport = scripted([
      { kind: 'retryable', status: 429, reason: 'HTTP 429', retryAfterMs: 60_000 },
    ])
    const started = Date.now()
    const result = await retried(transport, 300)
    expect(Date.now() - started).toBeLessThan(250)
    expect(result).toMatchObject({ kind: 'retryable', status: 429 })
    expect(transport.timeouts[0]).toBeLessThanOrEqual(300)
  })

  it('stops waiting at once when cancelled', async () => {
    const transport = scripted([{ kind: 'retryable', reason: 'refused', retryAfterMs: 10_000 }])
    const cancel = new AbortController()
    setTimeout(() => cancel.abort(), 20)
    const started = Date.now()
    const result = await sendWithRetries(
      REQUEST,
      new Deadline(30_000),
      POLICY,
      cancel.signal,
      transport.send,
    )
    expect(result).toEqual({ kind: 'failure', reason: 'cancelled' })
    expect(Date.now() - started).toBeLessThan(1_000)
  })

  it('gives up on a server that refuses after a couple of quick retries, within its budget', async () => {
    const transport = scripted(Array.from({ length: 8 }, () => refused))
    const started = Date.now()
    const result = await sendWithRetries(
      REQUEST,
      new Deadline(30_000),
      {
        ...POLICY,
        maxAttempts: 8,
        initialBackoffMs: 100,
        maxBackoffMs: 1_000,
        unreachableBudgetMs: 500,
      },
      undefined,
      transport.send,
    )
    const elapsedMs = Date.now() - started
    expect(result).toEqual(refused)
    expect(transport.timeouts).toHaveLength(3)
    expect(elapsedMs).toBeGreaterThanOrEqual(230)
    expect(elapsedMs).toBeLessThan(500)
  })

  it('keeps retrying a server that never answers until the deadline', async () => {
    const transport = silent()
    const started = Date.now()
    const result = await sendWithRetries(
      REQUEST,
      new Deadline(1_000),
      {
        ...POLICY,
        requestTimeoutMs: 200,
        maxAttempts: 20,
        initialBackoffMs: 10,
        maxBackoffMs: 40,
        unreachableBudgetMs: 50,
      },
      undefined,
      transport.send,
    )
    const elapsedMs = Date.now() - started
    expect(result).toMatchObject({
      kind: 'retryable',
      reason: expect.stringMatching(/^timed out after \d+ ms$/),
    })
    expect(transport.sent).toBeGreaterThanOrEqual(4)
    expect(elapsedMs).toBeGreaterThanOrEqual(950)
    expect(elapsedMs).toBeLessThan(1_300)
  })

  it('recovers when a refused connection is followed by an answer', async () => {
    const transport = scripted([refused, refused, ok])
    const result = await retried(transport)
    expect(result).toEqual(ok)
    expect(transport.timeouts).toHaveLength(3)
  })

  it('limits only the waits after a refusal, not those after an answer', async () => {
    const slowDown: HttpResult = {
      kind: 'retryable',
      status: 429,
      reason: 'HTTP 429',
      retryAfterMs: 150,
    }
    const transport = scripted([refused, slowDown, slowDown, ok])
    const started = Date.now()
    const result = await sendWithRetries(
      REQUEST,
      new Deadline(5_000),
      { ...POLICY, unreachableBudgetMs: 100 },
      undefined,
      transport.send,
    )
    expect(result).toEqual(ok)
    expect(transport.timeouts).toHaveLength(4)
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
  })
})
