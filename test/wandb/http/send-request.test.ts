import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { createServer as createNetServer } from 'node:net'
import type { AddressInfo, Server as NetServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendRequest } from '../../../src/wandb/http/send-request.js'
import { parseRetryAfter } from '../../../src/wandb/http/timed-exchange.js'

let server: Server
let base: string
// A raw TCP server: `/close` closes the connection unanswered, `/cut` cuts an answer short.
let raw: NetServer
let rawBase: string

beforeAll(async () => {
  server = createServer((request, response) => {
    const answers: Record<string, () => void> = {
      '/ok': () => response.end('hello'),
      '/limited': () => response.writeHead(429, { 'retry-after': '3' }).end('slow down'),
      '/broken': () => response.writeHead(500).end(),
      '/bad': () => response.writeHead(400).end('{"error":"bad input"}'),
    }
    // Any other path, such as '/hang', never gets an answer.
    answers[request.url ?? '']?.()
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  raw = createNetServer((socket) => {
    socket.once('data', (head) => {
      if (!head.toString().startsWith('GET /cut ')) return void socket.destroy()
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\npartial')
      setTimeout(() => socket.destroy(), 20)
    })
  })
  await new Promise<void>((done) => raw.listen(0, '127.0.0.1', done))
  rawBase = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((done) => server.close(done))
  await new Promise((done) => raw.close(done))
})

describe('sendRequest', () => {
  it('returns the body of a successful answer', async () => {
    expect(await sendRequest({ method: 'GET', url: `${base}/ok` }, 2_000)).toEqual({
      kind: 'success',
      status: 200,
      body: 'hello',
    })
  })

  it('marks 429 and 5xx as retryable, with Retry-After in milliseconds', async () => {
    expect(await sendRequest({ method: 'GET', url: `${base}/limited` }, 2_000)).toEqual({
      kind: 'retryable',
      status: 429,
      reason: 'HTTP 429: slow down',
      retryAfterMs: 3_000,
    })
    expect(await sendRequest({ method: 'GET', url: `${base}/broken` }, 2_000)).toEqual({
      kind: 'retryable',
      status: 500,
      reason: 'HTTP 500',
    })
  })

  it('marks other 4xx answers as failures', async () => {
    expect(await sendRequest({ method: 'GET', url: `${base}/bad` }, 2_000)).toMatchObject({
      kind: 'failure',
      status: 400,
      reason: 'HTTP 400: {"error":"bad input"}',
    })
  })

  it('times out a server that never answers, as retryable', async () => {
    const started = Date.now()
    expect(await sendRequest({ method: 'GET', url: `${base}/hang` }, 150)).toEqual({
      kind: 'retryable',
      reason: 'timed out after 150 ms',
    })
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('names a refused connection, as unreachable', async () => {
    const closed = createServer()
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done))
    const port = (closed.address() as AddressInfo).port
    await new Promise((done) => closed.close(done))
    const started = Date.now()
    expect(await sendRequest({ method: 'GET', url: `http://127.0.0.1:${port}/` }, 2_000)).toEqual({
      kind: 'unreachable',
      reason: 'connection failed (ECONNREFUSED)',
    })
    expect(Date.now() - started).toBeLessThan(1_000)
  })

  it('marks a connection closed before any answer as unreachable', async () => {
    const result = await sendRequest({ method: 'GET', url: `${rawBase}/close` }, 2_000)
    expect(result).toMatchObject({ kind: 'unreachable' })
    expect(result.kind !== 'success' && result.reason).toMatch(/^connection failed \(\w+\)$/)
  })

  it('marks a connection cut in the middle of an answer as retryable, not unreachable', async () => {
    const result = await sendRequest({ method: 'GET', url: `${rawBase}/cut` }, 2_000)
    expect(result).toMatchObject({ kind: 'retryable' })
    expect(result.kind !== 'success' && result.reason).toMatch(/^connection failed/)
  })

  it('ends early when cancelled', async () => {
    const cancel = new AbortController()
    setTimeout(() => cancel.abort(), 30)
    expect(
      await sendRequest({ method: 'GET', url: `${base}/hang` }, 10_000, cancel.signal),
    ).toEqual({ kind: 'failure', reason: 'cancelled' })
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2_000)
    expect(parseRetryAfter('0.5')).toBe(500)
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000)
    expect(parseRetryAfter(null)).toBeUndefined()
    expect(parseRetryAfter('soon')).toBeUndefined()
  })
})
