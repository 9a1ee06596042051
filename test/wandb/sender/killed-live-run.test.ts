import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { syncOfflineRun } from '../../../src/wandb/sync/sync-offline-run.js'
import { useFakeWandb } from '../../support/fake-wandb/use-fake-wandb.js'
import { fakeRunSettings } from '../run-fixtures.js'

const fake = useFakeWandb()
const CHILD = fileURLToPath(new URL('./support/live-run-child.ts', import.meta.url))

describe('a live run killed while it sends', () => {
  it('leaves a log that sync finishes, sending only the rows W&B never confirmed', async () => {
    // Two batches of 200 rows land; the third is sent and never answered when the process dies.
    fake().failures.inject({ route: 'file_stream', mode: { kind: 'hang' }, after: 2 })
    const settings = fakeRunSettings(fake().baseUrl, fake().apiKey, { project: 'killed-live' })
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(settings)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let dir = ''
    try {
      for await (const line of createInterface({ input: child.stdout })) {
        if (line.startsWith('dir ')) dir = line.slice(4)
        if (line === 'sent 400') break
      }
      await expect.poll(() => fake().hangingCount, { timeout: 5_000 }).toBe(1)
    } finally {
      child.kill('SIGKILL')
    }
    await new Promise((resolve) => child.once('exit', resolve))
    await fake().failures.restore()
    expect(existsSync(dir)).toBe(true)

    const warnings: string[] = []
    const synced = await syncOfflineRun(
      dir,
      { apiKey: fake().apiKey, baseUrl: fake().baseUrl, appUrl: fake().baseUrl, entity: undefined },
      { timeoutMs: 5_000, say: () => {}, warn: (line) => warnings.push(line) },
    )

    expect(synced).toMatchObject({ kind: 'synced', rows: 450, resumedAtRow: 400 })
    expect(warnings).toEqual([expect.stringContaining('has no exit record')])
    const [run] = fake().runs.filter((each) => each.project === 'killed-live')
    expect(run?.historyReceipts).toEqual(new Array(450).fill(1))
    expect(run?.history.map((row) => row['test/name'])).toEqual(
      Array.from({ length: 450 }, (_, step) => `answers question ${step}`),
    )
    expect(run).toMatchObject({ complete: true, exitcode: 1 })
    expect(run?.errors).toEqual([])
  }, 30_000)
})
