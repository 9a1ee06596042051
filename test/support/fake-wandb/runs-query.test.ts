import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { md5Base64 } from './hashes.js'
import { createFakeWandb, type FakeWandb } from './index.js'
import { graphql, postJson, request, wandbSdkDocuments } from './test-client.js'

let fake: FakeWandb
beforeEach(async () => {
  fake = await createFakeWandb({ entity: 'rag-team' })
})
afterEach(() => fake.close())

const RUNS = `query Runs($entity: String!, $project: String!, $filters: JSONString, $order: String, $first: Int, $after: String) {
  project(name: $project, entityName: $entity) {
    runs(filters: $filters, order: $order, first: $first, after: $after) {
      edges { cursor node { name state config createdAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`

const FILES = `query Files($entity: String!, $project: String!, $run: String!, $names: [String]) {
  project(name: $project, entityName: $entity) {
    run(name: $run) { files(names: $names) { edges { node { name directUrl sizeBytes md5 } } } }
  }
}`

/** A run made as a client makes one: upsertBucket with its branch, then file_stream's end. */
async function makeRun(name: string, branch: string, exitcode?: number, project = 'evals') {
  const { upsertBucket } = await wandbSdkDocuments()
  const config = JSON.stringify({ git_branch: { value: branch } })
  await graphql(fake.baseUrl, fake.authorization, upsertBucket, { name, project, config })
  if (exitcode === undefined) return
  const url = `${fake.baseUrl}/files/rag-team/${project}/${name}/file_stream`
  await postJson(url, { complete: true, exitcode }, fake.authorization)
}

async function runNames(variables: Record<string, unknown>): Promise<unknown> {
  const reply = await graphql(fake.baseUrl, fake.authorization, RUNS, {
    entity: 'rag-team',
    project: 'evals',
    ...variables,
  })
  expect(reply.body.errors).toBeUndefined()
  const edges = reply.body.data?.project.runs.edges as { node: { name: string } }[]
  return edges.map((edge) => edge.node.name)
}

describe('Project.runs', () => {
  it('answers the runs of the project that pass the filters, in the order asked', async () => {
    await makeRun('old', 'main', 0)
    await makeRun('feature', 'feature', 0)
    await makeRun('new', 'main', 0)
    await makeRun('failed', 'main', 1)
    await makeRun('running', 'main')
    await makeRun('elsewhere', 'main', 0, 'other')
    const onMain = { $and: [{ 'config.git_branch.value': 'main' }, { state: 'finished' }] }
    const filters = JSON.stringify(onMain)
    expect(await runNames({ filters, order: '-created_at' })).toEqual(['new', 'old'])
    expect(await runNames({ filters, order: '-created_at', first: 1 })).toEqual(['new'])
    expect(await runNames({})).toEqual(['old', 'feature', 'new', 'failed', 'running'])
    expect(await runNames({ filters: '{"state": "running"}' })).toEqual(['running'])
    expect(await runNames({ first: 2, after: '1' })).toEqual(['new', 'failed'])
  })

  it('gives each run its creation time, later for a later run', async () => {
    await makeRun('first', 'main', 0)
    await makeRun('second', 'main', 0)
    const reply = await graphql(fake.baseUrl, fake.authorization, RUNS, {
      entity: 'rag-team',
      project: 'evals',
    })
    const edges = reply.body.data?.project.runs.edges as { node: { createdAt: string } }[]
    const [first, second] = edges.map((edge) => Date.parse(edge.node.createdAt))
    expect(second).toBeGreaterThan(first ?? Infinity)
  })

  it('refuses filters and orders it does not know, and notes them among its errors', async () => {
    await makeRun('a', 'main', 0)
    const reply = await graphql(fake.baseUrl, fake.authorization, RUNS, {
      entity: 'rag-team',
      project: 'evals',
      filters: JSON.stringify({ createdAt: { $gt: '2026-01-01' } }),
    })
    expect(reply.body.errors?.[0]?.message).toContain('no operator')
    expect(fake.errors).toEqual([expect.stringContaining('no operator')])
  })

  it("refuses W&B's Python client's internalId: the schema it validates against has none", async () => {
    const query = 'query { project(name: "evals", entityName: "rag-team") { internalId } }'
    const reply = await graphql(fake.baseUrl, fake.authorization, query)
    expect(reply.status).toBe(400)
    expect(fake.invalidDocuments[0]?.errors).toEqual([
      'Cannot query field "internalId" on type "Project".',
    ])
  })
})

describe('Run.files', () => {
  it('gives an uploaded run file a directUrl that serves its bytes without the key', async () => {
    await makeRun('r', 'main', 0)
    const { runUploadUrls } = await wandbSdkDocuments()
    const urls = await graphql(fake.baseUrl, fake.authorization, runUploadUrls, {
      name: 'evals',
      entity: 'rag-team',
      run: 'r',
      files: ['vitest-wandb/session.jsonl'],
    })
    const uploadUrl = urls.body.data?.model.bucket.files.edges[0].node.url as string
    const bytes = '{"test":1}\n{"test":2}\n'
    expect((await request(uploadUrl, { method: 'PUT', body: bytes })).status).toBe(200)
    const reply = await graphql(fake.baseUrl, fake.authorization, FILES, {
      entity: 'rag-team',
      project: 'evals',
      run: 'r',
      names: ['vitest-wandb/session.jsonl'],
    })
    const node = reply.body.data?.project.run.files.edges[0].node
    expect(node).toMatchObject({
      name: 'vitest-wandb/session.jsonl',
      sizeBytes: bytes.length,
      md5: md5Base64(Buffer.from(bytes)),
    })
    const got = await fetch(node.directUrl as string)
    expect(await got.text()).toBe(bytes)
    expect(fake.keyLeaks).toEqual([])
  })

  it('answers a file never uploaded with a directUrl that is not found, and no run as null', async () => {
    await makeRun('r', 'main', 0)
    const variables = { entity: 'rag-team', project: 'evals', names: ['missing.txt'] }
    const reply = await graphql(fake.baseUrl, fake.authorization, FILES, { ...variables, run: 'r' })
    const node = reply.body.data?.project.run.files.edges[0].node
    expect(node).toMatchObject({ name: 'missing.txt', sizeBytes: 0, md5: null })
    expect((await fetch(node.directUrl as string)).status).toBe(404)
    const none = await graphql(fake.baseUrl, fake.authorization, FILES, { ...variables, run: 'x' })
    expect(none.body.data?.project.run).toBeNull()
  })
})
