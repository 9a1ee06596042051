import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFakeWandb, type FakeWandb } from './index.js'
import { graphql, request, wandbSdkDocuments } from './test-client.js'

let fake: FakeWandb
beforeEach(async () => {
  fake = await createFakeWandb({ entity: 'rag-team' })
})
afterEach(() => fake.close())

const UPSERT_VARIABLES = {
  name: 'run-1',
  project: 'rag-evals',
  displayName: 'nightly',
  groupName: 'ci',
  jobType: 'eval',
  config: JSON.stringify({ node_version: { value: 'v20' } }),
  commit: 'abc123',
  repo: 'https://example.com/repo.git',
  tags: ['ci', 'rag'],
}

describe('GraphQL endpoint', () => {
  it('answers 401 without the key or with a wrong one, 200 with it', async () => {
    const query = '{ viewer { id } }'
    expect((await graphql(fake.baseUrl, undefined, query)).status).toBe(401)
    const wrong = `Basic ${Buffer.from('api:not-the-key').toString('base64')}`
    expect((await graphql(fake.baseUrl, wrong, query)).status).toBe(401)
    const ok = await graphql(fake.baseUrl, fake.authorization, query)
    expect(ok.status).toBe(200)
    expect(typeof ok.body.data?.viewer.id).toBe('string')
  })

  it('answers the viewer with the configured entity', async () => {
    const { viewer } = await wandbSdkDocuments()
    const reply = await graphql(fake.baseUrl, fake.authorization, viewer)
    expect(reply.body.errors).toBeUndefined()
    expect(reply.body.data?.viewer).toMatchObject({
      entity: 'rag-team',
      teams: { edges: [{ node: { name: 'rag-team' } }] },
    })
  })

  it('records every upsertBucket input as a run and answers with the bucket', async () => {
    const { upsertBucket } = await wandbSdkDocuments()
    const first = await graphql(fake.baseUrl, fake.authorization, upsertBucket, UPSERT_VARIABLES)
    expect(first.body.data?.upsertBucket).toMatchObject({
      inserted: true,
      bucket: {
        name: 'run-1',
        displayName: 'nightly',
        config: UPSERT_VARIABLES.config,
        project: { name: 'rag-evals', entity: { name: 'rag-team' } },
      },
    })
    const second = await graphql(fake.baseUrl, fake.authorization, upsertBucket, {
      name: 'run-1',
      project: 'rag-evals',
      notes: 'n',
    })
    expect(second.body.data?.upsertBucket.inserted).toBe(false)
    expect(second.body.data?.upsertBucket.bucket.id).toBe(first.body.data?.upsertBucket.bucket.id)
    const run = fake.run('run-1')
    expect(run).toMatchObject({
      entity: 'rag-team',
      project: 'rag-evals',
      groupName: 'ci',
      jobType: 'eval',
    })
    expect(run).toMatchObject({
      commit: 'abc123',
      jobRepo: UPSERT_VARIABLES.repo,
      tags: ['ci', 'rag'],
      notes: 'n',
    })
    expect(run.configValues).toEqual({ node_version: 'v20' })
    expect(run.upserts).toHaveLength(2)
    expect(fake.runs).toHaveLength(1)
  })

  it('hands out per-file upload URLs that store the PUT bytes without auth', async () => {
    const { upsertBucket, runUploadUrls } = await wandbSdkDocuments()
    await graphql(fake.baseUrl, fake.authorization, upsertBucket, UPSERT_VARIABLES)
    const reply = await graphql(fake.baseUrl, fake.authorization, runUploadUrls, {
      name: 'rag-evals',
      entity: 'rag-team',
      run: 'run-1',
      files: ['session.json', 'media/report.html'],
    })
    const edges = reply.body.data?.model.bucket.files.edges as Array<{
      node: { name: string; url: string }
    }>
    expect(edges.map((e) => e.node.url)).toEqual([
      `${fake.baseUrl}/upload/rag-team/rag-evals/run-1/session.json`,
      `${fake.baseUrl}/upload/rag-team/rag-evals/run-1/media/report.html`,
    ])
    const put = await request(edges[1]?.node.url ?? '', { method: 'PUT', body: '<html></html>' })
    expect(put.status).toBe(200)
    expect(Buffer.from(fake.run('run-1').uploads['media/report.html'] ?? []).toString()).toBe(
      '<html></html>',
    )
  })

  it('rejects invalid documents with 400 and records them', async () => {
    const reply = await graphql(fake.baseUrl, fake.authorization, 'query Who { viewer { idd } }')
    expect(reply.status).toBe(400)
    expect(reply.body.errors?.[0]?.message).toContain('Cannot query field "idd"')
    const syntax = await graphql(fake.baseUrl, fake.authorization, 'query {')
    expect(syntax.status).toBe(400)
    const { runUploadUrls } = await wandbSdkDocuments()
    const missingVariable = await graphql(fake.baseUrl, fake.authorization, runUploadUrls, {
      name: 'p',
    })
    expect(missingVariable.status).toBe(400)
    expect(fake.invalidDocuments.map((d) => d.phase)).toEqual(['validate', 'parse', 'variables'])
    expect(fake.invalidDocuments[0]?.query).toBe('query Who { viewer { idd } }')
  })

  it('reports resolver failures as GraphQL errors and records them', async () => {
    const { upsertBucket } = await wandbSdkDocuments()
    const reply = await graphql(fake.baseUrl, fake.authorization, upsertBucket, {
      name: 'r',
      config: '{not json',
    })
    expect(reply.status).toBe(200)
    expect(reply.body.data?.upsertBucket).toBeNull()
    expect(reply.body.errors?.[0]?.message).toContain('config must be a JSON string')
    expect(fake.errors).toEqual([expect.stringContaining('config must be a JSON string')])
    expect(fake.runs).toHaveLength(0)
  })

  it('logs each request with its operation name, status and duration', async () => {
    const { viewer } = await wandbSdkDocuments()
    await graphql(fake.baseUrl, fake.authorization, viewer)
    await graphql(
      fake.baseUrl,
      fake.authorization,
      'mutation { upsertBucket(input: {name: "x"}) { inserted } }',
    )
    expect(fake.requests.map((r) => [r.method, r.path, r.operationName, r.status])).toEqual([
      ['POST', '/graphql', 'Viewer', 200],
      ['POST', '/graphql', 'upsertBucket', 200],
    ])
    expect(fake.requests.every((r) => r.durationMs >= 0 && r.injected === undefined)).toBe(true)
  })

  it('accepts fields from extension SDL that the shipped schema lacks', async () => {
    const query = '{ viewer { id entity newerField } }'
    expect((await graphql(fake.baseUrl, fake.authorization, query)).status).toBe(400)
    const extended = await createFakeWandb({
      extensionSdl: 'extend type User { newerField: String }',
    })
    try {
      const reply = await graphql(extended.baseUrl, extended.authorization, query)
      expect(reply.status).toBe(200)
      expect(reply.body.data?.viewer).toMatchObject({ entity: 'test-entity', newerField: null })
    } finally {
      await extended.close()
    }
  })

  it('gives a spawned process the environment that points it at the loopback server', async () => {
    const env = fake.env()
    expect(env).toEqual({
      WANDB_API_KEY: fake.apiKey,
      WANDB_BASE_URL: fake.baseUrl,
      WANDB_ENTITY: 'rag-team',
    })
    expect(fake.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const reply = await graphql(
      env.WANDB_BASE_URL ?? '',
      fake.authorization,
      '{ viewer { entity } }',
    )
    expect(reply.body.data?.viewer.entity).toBe('rag-team')
  })
})
