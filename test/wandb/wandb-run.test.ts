import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { WandbRun } from '../../src/wandb/wandb-run.js'
import { useMswFakeWandb } from '../support/fake-wandb/use-fake-wandb.js'
import { captureWarnings } from '../support/warnings.js'
import {
  allFileContents,
  fakeRunSettings,
  historyRows,
  readRunRecords,
  runOptions,
} from './run-fixtures.js'

const fakeWandb = useMswFakeWandb()

function rows(count: number): Record<string, number | string>[] {
  return Array.from({ length: count }, (_, index) => ({
    'test/name': `t${index}`,
    'test/tokens_total': index,
  }))
}

describe('an online W&B run', () => {
  it('creates the run, streams one row per log call, uploads files, and completes it', async () => {
    const settings = fakeRunSettings(fakeWandb().mswBaseUrl, fakeWandb().apiKey)
    const announced: string[] = []
    const run = new WandbRun(runOptions(settings, announced))
    for (const row of rows(3)) run.log(row)
    run.saveFile('media/table/tests_3_abc.table.json', Buffer.from('{"columns":[]}'))
    const outcome = await run.finish({ 'tests/total': 3 }, 1)

    expect(outcome).toEqual({
      kind: 'online',
      url: `${fakeWandb().mswBaseUrl}/test-entity/rag-evals/runs/${settings.runId}`,
      dir: run.dir,
    })
    expect(announced).toEqual([
      `vitest-wandb: logging this session to ${outcome.kind === 'online' ? outcome.url : ''}`,
    ])
    const created = fakeWandb().run(settings.runId)
    expect(created).toMatchObject({
      tags: ['ci', 'rag'],
      groupName: 'ci-42',
      jobType: 'eval',
      notes: 'from the tests',
      displayName: 'nightly',
      commit: 'abc123',
      jobRepo: 'https://example.com/repo.git',
    })
    expect(created.configValues).toEqual({ vitest_version: '4.1.12', shard: null })
    expect(created.history.map((row) => [row['test/name'], row['_step']])).toEqual([
      ['t0', 0],
      ['t1', 1],
      ['t2', 2],
    ])
    for (const row of created.history) {
      expect(typeof row['_runtime']).toBe('number')
      expect(row['_timestamp']).toBeCloseTo(Date.now() / 1000, -1)
    }
    expect(created.summary).toMatchObject({ 'tests/total': 3 })
    expect(created).toMatchObject({ complete: true, exitcode: 1 })
    expect(
      Buffer.from(created.uploads['media/table/tests_3_abc.table.json'] ?? []).toString(),
    ).toBe('{"columns":[]}')
    expect(fakeWandb().invalidDocuments).toEqual([])
    expect(fakeWandb().keyLeaks).toEqual([])
    expect(existsSync(join(run.dir, `run-${settings.runId}.wandb.synced`))).toBe(true)
    expect(historyRows(readRunRecords(run.dir))).toHaveLength(3)
  })

  it('rides out 429s and 500s, honouring Retry-After, without duplicating rows', async () => {
    const settings = fakeRunSettings(fakeWandb().mswBaseUrl, fakeWandb().apiKey)
    fakeWandb().failures.failNext('file_stream', 2, 429, 0.05)
    fakeWandb().failures.failNext({ route: 'graphql', operation: 'UpsertBucket' }, 1, 503)
    const run = new WandbRun(runOptions(settings))
    for (const row of rows(5)) run.log(row)
    const outcome = await run.finish({}, 0)
    expect(outcome.kind).toBe('online')
    expect(
      fakeWandb()
        .run(settings.runId)
        .history.map((row) => row['test/name']),
    ).toEqual(['t0', 't1', 't2', 't3', 't4'])
  })

  it('says once, while W&B is slow to take the end of the run, what it waits for and for how long at most', async () => {
    const settings = fakeRunSettings(fakeWandb().mswBaseUrl, fakeWandb().apiKey)
    const announced: string[] = []
    const run = new WandbRun(runOptions(settings, announced, 5_000))
    await run.whenCreated()
    fakeWandb().failures.delay('file_stream', 2_600, 1)
    for (const row of rows(2)) run.log(row)
    const outcome = await run.finish({ 'tests/total': 2 }, 0)
    expect(outcome.kind).toBe('online')
    expect(announced.slice(1)).toEqual([
      'vitest-wandb: waiting for W&B to finish the run (up to 3 s more)…',
    ])
    expect(fakeWandb().run(settings.runId)).toMatchObject({ complete: true, exitcode: 0 })
  })

  it('falls back to an offline run with every row when W&B refuses connections', async () => {
    await fakeWandb().failures.refuse()
    const settings = fakeRunSettings(fakeWandb().mswBaseUrl, fakeWandb().apiKey)
    const run = new WandbRun(runOptions(settings, [], 1_500))
    for (const row of rows(4)) run.log(row)
    const started = Date.now()
    const outcome = await run.finish({ 'tests/total': 4 }, 0)
    expect(Date.now() - started).toBeLessThan(3_000)
    expect(outcome).toMatchObject({ kind: 'fallback', baseUrl: fakeWandb().mswBaseUrl })
    if (outcome.kind !== 'fallback') return
    expect(outcome.dir).toMatch(new RegExp(`offline-run-\\d{8}_\\d{6}-${settings.runId}$`))
    expect(existsSync(run.dir)).toBe(false)
    const records = readRunRecords(outcome.dir)
    expect(historyRows(records).map((row) => row['test/name'])).toEqual(['t0', 't1', 't2', 't3'])
    expect(records.map((record) => record.kind)).toEqual([
      'header',
      'run',
      'history',
      'history',
      'history',
      'history',
      'summary',
      'exit',
      'final',
    ])
  })

  it('falls back within the deadline when W&B never answers', async () => {
    fakeWandb().failures.hang()
    const settings = fakeRunSettings(fakeWandb().mswBaseUrl, fakeWandb().apiKey)
    const run = new WandbRun(runOptions(settings, [], 1_000))
    for (const row of rows(2)) run.log(row)
    const started = Date.now()
    const outcome = await run.finish({}, 0)
    expect(Date.now() - started).toBeLessThan(2_500)
    expect(outcome).toMatchObject({
      kind: 'fallback',
      reason: expect.stringMatching(/timed out|did not answer|cancelled/),
    })
  })

  it('keeps the whole session offline when W&B goes away mid-session, rows already sent included', async () => {
    fakeWandb().failures.failAfter('file_stream', 1, { kind: 'status', status: 500 })
    const settings = fakeRunSettings(fakeWandb().mswBaseUrl, fakeWandb().apiKey)
    const run = new WandbRun({ ...runOptions(settings, [], 1_500) })
    run.log({ 'test/name': 'first' })
    await new Promise((wake) => setTimeout(wake, 1_300))
    run.log({ 'test/name': 'second' })
    const outcome = await run.finish({}, 0)
    expect(outcome.kind).toBe('fallback')
    if (outcome.kind !== 'fallback') return
    expect(
      fakeWandb()
        .run(settings.runId)
        .history.map((row) => row['test/name']),
    ).toEqual(['first'])
    expect(historyRows(readRunRecords(outcome.dir)).map((row) => row['test/name'])).toEqual([
      'first',
      'second',
    ])
  })

  it('never writes the API key to the run folder', async () => {
    const settings = fakeRunSettings(fakeWandb().mswBaseUrl, fakeWandb().apiKey)
    const run = new WandbRun(runOptions(settings))
    run.log({ note: 'hello' })
    await run.finish({}, 0)
    expect(allFileContents(run.dir)).not.toContain(fakeWandb().apiKey)
  })
})

describe('a W&B run whose API key W&B rejects', () => {
  it('falls back at once, saying the key was rejected, with the status and no retries', async () => {
    const settings = fakeRunSettings(fakeWandb().mswBaseUrl, 'f'.repeat(40))
    const before = fakeWandb().requests.length
    const run = new WandbRun(runOptions(settings, [], 10_000))
    run.log({ 'test/name': 'kept' })
    const started = Date.now()
    const outcome = await run.finish({}, 0)
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(outcome).toMatchObject({
      kind: 'fallback',
      reason: 'W&B rejected the API key (HTTP 401)',
      status: 401,
      baseUrl: fakeWandb().mswBaseUrl,
    })
    expect(fakeWandb().requests.length - before).toBe(1)
    expect(historyRows(readRunRecords(outcome.dir))).toHaveLength(1)
  })

  it('says 403 as a rejected key too, keeping the status', async () => {
    fakeWandb().failures.failNext({ route: 'graphql', operation: 'UpsertBucket' }, 1, 403)
    const settings = fakeRunSettings(fakeWandb().mswBaseUrl, fakeWandb().apiKey)
    const outcome = await new WandbRun(runOptions(settings)).finish({}, 0)
    expect(outcome).toMatchObject({
      kind: 'fallback',
      reason: 'W&B rejected the API key (HTTP 403)',
      status: 403,
    })
  })
})

describe('a W&B run sent offline by a setting W&B would refuse', () => {
  const warnings = captureWarnings()

  it('talks to no server, and says in one line why, where the run is and how to upload it', async () => {
    const before = fakeWandb().requests.length
    const problem = {
      what: 'WANDB_BASE_URL must be an address; got "x"',
      fix: 'fix WANDB_BASE_URL',
    }
    const settings = fakeRunSettings(fakeWandb().mswBaseUrl, fakeWandb().apiKey, {
      mode: 'offline',
      trouble: { outcome: 'offline', problem },
    })
    const run = new WandbRun(runOptions(settings))
    run.log({ 'test/name': 'kept' })
    const outcome = await run.finish({}, 0)
    expect(outcome).toEqual({ kind: 'offline', dir: run.dir })
    expect(fakeWandb().requests.length).toBe(before)
    expect(warnings).toEqual([
      `vitest-wandb: WANDB_BASE_URL must be an address; got "x"; the run is saved offline to ${run.dir} — fix WANDB_BASE_URL, then upload the run with \`npx vitest-wandb sync ${run.dir}\`.`,
    ])
  })
})

describe('a W&B run asked to be online without an API key', () => {
  const warnings = captureWarnings()

  it('says so once and saves the run offline', async () => {
    const settings = fakeRunSettings(fakeWandb().mswBaseUrl, undefined, { mode: 'online' })
    const run = new WandbRun(runOptions(settings))
    run.log({ 'test/name': 'kept' })
    const outcome = await run.finish({}, 0)
    expect(outcome.kind).toBe('offline')
    expect(historyRows(readRunRecords(outcome.dir))).toHaveLength(1)
    expect(warnings).toEqual([
      'vitest-wandb: W&B mode is online, but no API key was found (set WANDB_API_KEY or run `wandb login`); the run is saved offline instead.',
    ])
  })
})

describe('an offline W&B run', () => {
  it('writes an offline-run folder and talks to no server', async () => {
    const before = fakeWandb().requests.length
    const settings = fakeRunSettings(fakeWandb().mswBaseUrl, undefined)
    const run = new WandbRun(runOptions(settings))
    run.log({ 'test/name': 'only' })
    const outcome = await run.finish({ 'tests/total': 1 }, 0)
    expect(outcome).toEqual({ kind: 'offline', dir: run.dir })
    expect(run.dir).toMatch(/wandb\/offline-run-\d{8}_\d{6}-run\w+$/)
    expect(fakeWandb().requests.length).toBe(before)
    const records = readRunRecords(run.dir)
    expect(records[1]).toMatchObject({
      kind: 'run',
      run: {
        runId: settings.runId,
        project: 'rag-evals',
        runGroup: 'ci-42',
        tags: ['ci', 'rag'],
        git: { commit: 'abc123' },
      },
    })
  })
})
