import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFakeWandb, setupFakeWandbServer, type FakeWandb } from './index.js'
import { graphql, networkError, postJson, settlesWithin } from './test-client.js'

type Transport = 'loopback' | 'msw'

const VIEWER = 'query Viewer { viewer { id } }'
const UPSERT =
  'mutation UpsertBucket { upsertBucket(input: {name: "run-1", modelName: "p"}) { inserted } }'

describe.each<Transport>(['loopback', 'msw'])('failure modes over %s', (transport) => {
  let fake: FakeWandb
  let close: () => void = () => {}
  let base: string
  beforeEach(async () => {
    fake = await createFakeWandb()
    base = transport === 'loopback' ? fake.baseUrl : fake.mswBaseUrl
    if (transport === 'msw') {
      const server = setupFakeWandbServer(fake)
      server.listen({ onUnhandledFrame: 'error' })
      close = () => server.close()
    }
  })
  afterEach(async () => {
    await fake.close()
    close()
  })

  const viewer = () => graphql(base, fake.authorization, VIEWER)
  const stream = (offset: number) =>
    postJson(
      `${base}/files/${fake.entity}/p/run-1/file_stream`,
      {
        files: { 'wandb-history.jsonl': { offset, content: [JSON.stringify({ _step: offset })] } },
      },
      fake.authorization,
    )

  it('refuses connections until restored', async () => {
    await fake.failures.refuse()
    const error = await networkError(viewer())
    expect(error).toBeInstanceOf(TypeError)
    if (transport === 'loopback') expect(error.cause?.code).toBe('ECONNREFUSED')
    else expect(fake.requests.map((r) => r.injected)).toEqual(['refused'])
    await fake.failures.restore()
    expect((await viewer()).status).toBe(200)
  })

  it('hangs requests until the client gives up or the fake closes', async () => {
    fake.failures.hang('graphql')
    const aborted = await networkError(
      fetch(`${base}/graphql`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(100) }),
    )
    expect(aborted.name).toBe('TimeoutError')
    const pending = viewer()
    expect(await settlesWithin(pending, 300)).toBe(false)
    expect(fake.hangingCount).toBe(1)
    await fake.close()
    expect(await networkError(pending)).toBeInstanceOf(TypeError)
    expect(fake.hangingCount).toBe(0)
  })

  it('answers as usual, but late, for the next N requests', async () => {
    fake.failures.delay('graphql', 300, 1)
    const late = viewer()
    expect(await settlesWithin(late, 150)).toBe(false)
    expect((await late).status).toBe(200)
    expect(fake.requests[0]).toMatchObject({ injected: 'delay', status: 200 })
    expect(fake.requests[0]!.durationMs).toBeGreaterThanOrEqual(290)
    expect(await settlesWithin(viewer(), 150)).toBe(true)
  })

  it('answers 500 for the next N requests, then recovers', async () => {
    const rule = fake.failures.failNext('graphql', 2, 500)
    const statuses = [(await viewer()).status, (await viewer()).status, (await viewer()).status]
    expect(statuses).toEqual([500, 500, 200])
    expect(rule.failed).toBe(2)
    expect(fake.requests.map((r) => r.injected)).toEqual(['status', 'status', undefined])
  })

  it('answers 429 with a Retry-After header N times', async () => {
    fake.failures.failNext('graphql', 1, 429, 7)
    const limited = await viewer()
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('7')
    expect((await viewer()).status).toBe(200)
  })

  it('fails only file_stream after k successful posts, like W&B going away mid-session', async () => {
    await graphql(base, fake.authorization, UPSERT)
    fake.failures.failAfter('file_stream', 2, { kind: 'status', status: 503 })
    const statuses = []
    for (const offset of [0, 1, 2, 3]) statuses.push((await stream(offset)).status)
    expect(statuses).toEqual([200, 200, 503, 503])
    expect((await viewer()).status).toBe(200)
    expect(fake.run('run-1').history).toEqual([{ _step: 0 }, { _step: 1 }])
  })

  it('fails only the named GraphQL operation', async () => {
    fake.failures.failNext({ operation: 'upsertBucket' }, 1, 500)
    expect((await viewer()).status).toBe(200)
    expect((await graphql(base, fake.authorization, UPSERT)).status).toBe(500)
    expect(fake.runs).toHaveLength(0)
    expect((await graphql(base, fake.authorization, UPSERT)).status).toBe(200)
    expect(fake.runs).toHaveLength(1)
  })

  it('resets the connection for one request', async () => {
    fake.failures.reset('graphql', 1)
    expect(await networkError(viewer())).toBeInstanceOf(TypeError)
    expect((await viewer()).status).toBe(200)
    expect(fake.requests.map((r) => r.status)).toEqual(['network-error', 200])
  })
})
