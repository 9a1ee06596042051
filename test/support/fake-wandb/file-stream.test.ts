import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applyFileStream } from './file-stream.js'
import { createFakeWandb, type FakeWandb } from './index.js'
import { FakeRun } from './runs-store.js'
import { graphql, postJson } from './test-client.js'

const row = (step: number) =>
  JSON.stringify({ _step: step, _runtime: step, _timestamp: 1_700_000_000 + step, loss: step / 10 })
const history = (offset: number, ...steps: number[]) => ({
  files: { 'wandb-history.jsonl': { offset, content: steps.map(row) } },
})

describe('applyFileStream', () => {
  it('places a chunk at its offset and overwrites on a resend instead of duplicating', () => {
    const run = new FakeRun('e', 'p', 'r')
    expect(applyFileStream(run, history(0, 0, 1))).toEqual({ ok: true })
    expect(applyFileStream(run, history(2, 2))).toEqual({ ok: true })
    expect(applyFileStream(run, history(2, 2))).toEqual({ ok: true })
    expect(applyFileStream(run, history(1, 1, 2))).toEqual({ ok: true })
    expect(run.history.map((r) => (r as { _step: number })._step)).toEqual([0, 1, 2])
    expect(run.historyLines).toHaveLength(3)
    expect(run.fileStreamPosts).toBe(4)
    expect(run.errors).toEqual([])
  })

  it('counts how many times each history line arrived, a resend included', () => {
    const run = new FakeRun('e', 'p', 'r')
    applyFileStream(run, history(0, 0, 1))
    applyFileStream(run, history(1, 1, 2))
    expect(run.historyReceipts).toEqual([1, 2, 1])
    expect(new FakeRun('e', 'p', 'r').historyReceipts).toEqual([])
  })

  it('records a gap as an error and keeps the lines that did arrive', () => {
    const run = new FakeRun('e', 'p', 'r')
    applyFileStream(run, history(0, 0))
    applyFileStream(run, history(3, 3))
    expect(run.errors).toEqual([
      'wandb-history.jsonl of e/p/r: chunk at offset 3 leaves a gap after line 1',
    ])
    expect(run.historyLines[1]).toBeUndefined()
    expect(run.history).toEqual([JSON.parse(row(0)), JSON.parse(row(3))])
  })

  it('keeps the latest summary, other files, completion and exit code', () => {
    const run = new FakeRun('e', 'p', 'r')
    applyFileStream(run, {
      files: { 'wandb-summary.json': { offset: 0, content: ['{"tests/total":1}'] } },
    })
    applyFileStream(run, {
      files: {
        'wandb-summary.json': { offset: 0, content: ['{"tests/total":2}'] },
        'output.log': { offset: 0, content: ['hello', 'world'] },
      },
      complete: true,
      exitcode: 1,
    })
    expect(run.summary).toEqual({ 'tests/total': 2 })
    expect(run.fileLines['output.log']).toEqual(['hello', 'world'])
    expect(run.complete).toBe(true)
    expect(run.exitcode).toBe(1)
  })

  it('rejects malformed chunks and flags history lines that are not JSON objects', () => {
    const run = new FakeRun('e', 'p', 'r')
    const bad = applyFileStream(run, {
      files: { 'wandb-history.jsonl': { offset: -1, content: ['{}'] } },
    })
    expect(bad.ok).toBe(false)
    expect(
      applyFileStream(run, { files: { 'wandb-history.jsonl': { offset: 0, content: ['[1]'] } } })
        .ok,
    ).toBe(true)
    expect(run.errors).toEqual(['wandb-history.jsonl of e/p/r: line 0 is not a JSON object'])
    expect(run.history).toEqual([[1]])
  })
})

describe('file_stream endpoint', () => {
  let fake: FakeWandb
  let url: string
  beforeEach(async () => {
    fake = await createFakeWandb()
    url = `${fake.baseUrl}/files/${fake.entity}/proj/run-1/file_stream`
    await graphql(
      fake.baseUrl,
      fake.authorization,
      'mutation { upsertBucket(input: {name: "run-1", modelName: "proj"}) { inserted } }',
    )
  })
  afterEach(() => fake.close())

  it('answers like W&B and records rows, summary and the final post', async () => {
    const reply = await postJson(url, history(0, 0, 1), fake.authorization)
    expect(reply).toMatchObject({ status: 200, body: { exitcode: null, limits: {} } })
    await postJson(url, { ...history(2, 2), complete: true, exitcode: 0 }, fake.authorization)
    const run = fake.run('run-1')
    expect(run.history).toHaveLength(3)
    expect(run.complete).toBe(true)
    expect(run.exitcode).toBe(0)
    expect(fake.errors).toEqual([])
  })

  it('does not duplicate rows when a chunk whose response was lost is sent again', async () => {
    fake.failures.inject({
      route: 'file_stream',
      times: 1,
      afterApply: true,
      mode: { kind: 'status', status: 500 },
    })
    expect((await postJson(url, history(0, 0, 1), fake.authorization)).status).toBe(500)
    expect(fake.run('run-1').history).toHaveLength(2)
    expect((await postJson(url, history(0, 0, 1), fake.authorization)).status).toBe(200)
    expect(fake.run('run-1').history).toHaveLength(2)
    expect(fake.run('run-1').fileStreamPosts).toBe(2)
  })

  it('needs the API key and an existing run', async () => {
    expect((await postJson(url, history(0, 0))).status).toBe(401)
    const unknown = `${fake.baseUrl}/files/${fake.entity}/proj/nope/file_stream`
    expect((await postJson(unknown, history(0, 0), fake.authorization)).status).toBe(404)
    expect(fake.errors).toEqual([expect.stringContaining('unknown run test-entity/proj/nope')])
  })
})
