import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { syncOfflineRun } from '../../src/wandb/sync/sync-offline-run.js'
import type { SyncOptions } from '../../src/wandb/sync/sync-offline-run.js'
import { PROGRESS_FILE } from '../../src/wandb/sender/send-progress.js'
import { WandbRun } from '../../src/wandb/wandb-run.js'
import { useMswFakeWandb } from '../support/fake-wandb/use-fake-wandb.js'
import { fakeRunSettings, runOptions } from './run-fixtures.js'

const fakeWandb = useMswFakeWandb()

async function offlineRun(rowCount: number): Promise<{ dir: string; runId: string }> {
  const settings = fakeRunSettings(fakeWandb().mswBaseUrl, undefined, { entity: undefined })
  const run = new WandbRun(runOptions(settings))
  for (let index = 0; index < rowCount; index += 1) run.log({ 'test/name': `t${index}` })
  run.saveFile('media/table/tests_1_x.table.json', Buffer.from('{"data":[]}'))
  const outcome = await run.finish({ 'tests/total': rowCount }, 1)
  return { dir: outcome.dir, runId: settings.runId }
}

/** Sync options whose lines land in `lines`. */
function options(timeoutMs: number, lines: string[] = []): SyncOptions {
  return { timeoutMs, say: (line) => lines.push(line), warn: (line) => lines.push(line) }
}

const target = (): { apiKey: string; baseUrl: string; appUrl: string; entity: undefined } => ({
  apiKey: fakeWandb().apiKey,
  baseUrl: fakeWandb().mswBaseUrl,
  appUrl: 'https://app.test',
  entity: undefined,
})

describe('syncing an offline run', () => {
  it('uploads the run, its rows, files, summary and exit code, and marks it synced', async () => {
    const { dir, runId } = await offlineRun(450)
    const lines: string[] = []
    const result = await syncOfflineRun(dir, target(), options(5_000, lines))
    const url = `https://app.test/test-entity/rag-evals/runs/${runId}`
    expect(result).toEqual({
      kind: 'synced',
      url,
      rows: 450,
      files: 1,
      resumedAtRow: 0,
      ending: { exitCode: 1, interrupted: false, loss: undefined },
    })
    expect(lines).toEqual([`vitest-wandb: syncing ${dir} to ${url} (450 rows, 1 file).`])
    const run = fakeWandb().run(runId)
    expect(run.history.map((row) => row['test/name'])).toEqual(
      Array.from({ length: 450 }, (_, index) => `t${index}`),
    )
    expect(run.history.map((row) => row['_step'])).toEqual(
      Array.from({ length: 450 }, (_, index) => index),
    )
    expect(run).toMatchObject({
      complete: true,
      exitcode: 1,
      tags: ['ci', 'rag'],
      groupName: 'ci-42',
      commit: 'abc123',
    })
    expect(run.summary).toMatchObject({ 'tests/total': 450 })
    expect(run.configValues).toEqual({ vitest_version: '4.1.12', shard: null })
    expect(Buffer.from(run.uploads['media/table/tests_1_x.table.json'] ?? []).toString()).toBe(
      '{"data":[]}',
    )
    expect(existsSync(`${dir}/run-${runId}.wandb.synced`)).toBe(true)
    expect(fakeWandb().invalidDocuments).toEqual([])
  })

  it('does nothing the second time', async () => {
    const { dir } = await offlineRun(2)
    await syncOfflineRun(dir, target(), options(5_000))
    const requests = fakeWandb().requests.length
    expect(await syncOfflineRun(dir, target(), options(5_000))).toMatchObject({
      kind: 'already-synced',
    })
    expect(fakeWandb().requests.length).toBe(requests)
  })

  it('can be run again after a failure without duplicating rows', async () => {
    const { dir, runId } = await offlineRun(250)
    fakeWandb().failures.failAfter('file_stream', 1, { kind: 'status', status: 400 })
    const failed = await syncOfflineRun(dir, target(), options(2_000))
    expect(failed).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining('HTTP 400'),
      cause: 'permanent',
      rows: 200,
    })
    expect(existsSync(`${dir}/run-${runId}.wandb.synced`)).toBe(false)
    expect(JSON.parse(readFileSync(join(dir, PROGRESS_FILE), 'utf8'))).toMatchObject({
      run: { entity: 'test-entity', project: 'rag-evals', runId },
      rows: 200,
    })
    await fakeWandb().failures.restore()
    expect(await syncOfflineRun(dir, target(), options(5_000))).toMatchObject({
      kind: 'synced',
      rows: 250,
      resumedAtRow: 200,
    })
    expect(fakeWandb().run(runId).history).toHaveLength(250)
    expect(fakeWandb().run(runId).historyReceipts).toEqual(Array.from({ length: 250 }, () => 1))
    expect(fakeWandb().run(runId).errors).toEqual([])
  })

  it('needs an API key, and says how to provide one', async () => {
    const { dir } = await offlineRun(1)
    expect(await syncOfflineRun(dir, { ...target(), apiKey: undefined }, options(1_000))).toEqual({
      kind: 'failed',
      reason: 'no W&B API key: set WANDB_API_KEY or run `wandb login`',
      cause: 'permanent',
      rows: 0,
    })
  })

  it('names a folder that is not a run', async () => {
    expect(await syncOfflineRun('/nonexistent/run', target(), options(1_000))).toEqual({
      kind: 'failed',
      reason: '/nonexistent/run is not a folder that can be read',
      cause: 'permanent',
      rows: 0,
    })
  })
})
