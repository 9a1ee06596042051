import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeWandb, setupFakeWandbServer, type FakeWandb } from './index.js'
import { graphql, postJson, request, wandbSdkDocuments, type Reply } from './test-client.js'

/** A client session touching every route; returns the replies with the base URL masked. */
async function session(fake: FakeWandb, base: string): Promise<unknown[]> {
  const docs = await wandbSdkDocuments()
  const auth = fake.authorization
  const replies: Reply[] = []
  replies.push(await graphql(base, auth, docs.viewer))
  replies.push(
    await graphql(base, auth, docs.upsertBucket, {
      name: 'r1',
      project: 'p',
      config: '{"a":{"value":1}}',
      tags: ['t'],
    }),
  )
  const urls = await graphql(base, auth, docs.runUploadUrls, {
    name: 'p',
    run: 'r1',
    files: ['f.txt'],
  })
  replies.push(urls)
  replies.push(
    await request(urls.body.data?.model.bucket.files.edges[0].node.url, {
      method: 'PUT',
      body: 'bytes',
    }),
  )
  const stream = `${base}/files/${fake.entity}/p/r1/file_stream`
  const chunk = { files: { 'wandb-history.jsonl': { offset: 0, content: ['{"_step":0}'] } } }
  replies.push(await postJson(stream, chunk, auth))
  replies.push(await postJson(stream, chunk, auth))
  replies.push(await postJson(stream, { complete: true, exitcode: 0 }, auth))
  replies.push(await graphql(base, auth, '{ viewer { nope } }'))
  replies.push(await graphql(base, undefined, docs.viewer))
  replies.push(await request(`${base}/no/such/route`))
  fake.failures.failNext('graphql', 1, 429, 3)
  replies.push(await graphql(base, auth, docs.viewer))
  const masked = JSON.stringify(
    replies.map((r) => ({
      status: r.status,
      retryAfter: r.headers.get('retry-after'),
      body: r.body,
    })),
  )
  return JSON.parse(
    masked
      .split(base)
      .join('{base}')
      .replace(/"updatedAt":"[^"]*"/g, '"updatedAt":"…"'),
  )
}

function recorded(fake: FakeWandb) {
  const run = fake.run('r1')
  return {
    run: {
      config: run.config,
      tags: run.tags,
      history: run.history,
      complete: run.complete,
      exitcode: run.exitcode,
    },
    uploads: Object.fromEntries(
      Object.entries(run.uploads).map(([k, v]) => [k, Buffer.from(v).toString()]),
    ),
    requests: fake.requests.map((r) => [r.method, r.path, r.operationName, r.status, r.injected]),
    invalid: fake.invalidDocuments.map((d) => d.errors),
    errors: fake.errors,
  }
}

describe('loopback server and msw handlers', () => {
  let overLoopback: FakeWandb
  let overMsw: FakeWandb
  let closeMsw: () => void
  beforeAll(async () => {
    overLoopback = await createFakeWandb()
    overMsw = await createFakeWandb()
    const server = setupFakeWandbServer(overMsw)
    server.listen({ onUnhandledFrame: 'bypass' })
    closeMsw = () => server.close()
  })
  afterAll(async () => {
    closeMsw()
    await Promise.all([overLoopback.close(), overMsw.close()])
  })

  it('give the same replies and record the same state for the same requests', async () => {
    const viaLoopback = await session(overLoopback, overLoopback.baseUrl)
    const viaMsw = await session(overMsw, overMsw.mswBaseUrl)
    expect(viaMsw).toEqual(viaLoopback)
    expect(viaLoopback.map((r) => (r as { status: number }).status)).toEqual([
      200, 200, 200, 200, 200, 200, 200, 400, 401, 404, 429,
    ])
    expect(recorded(overMsw)).toEqual(recorded(overLoopback))
    expect(recorded(overLoopback).run).toEqual({
      config: { a: { value: 1 } },
      tags: ['t'],
      history: [{ _step: 0 }],
      complete: true,
      exitcode: 0,
    })
    expect(overLoopback.requests.filter((r) => r.path === '/graphql')).toHaveLength(6)
  })
})
