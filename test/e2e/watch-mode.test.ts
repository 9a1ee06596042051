import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeWandb } from '../support/fake-wandb/index.js'
import type { FakeWandb } from '../support/fake-wandb/index.js'
import { keylessEnv } from './support/keyless-env.js'
import { runFolders } from './support/offline-runs.js'
import { readSessions } from './support/read-session.js'
import { copyFixture, runScript } from './support/run-fixture.js'

const RUN_TEST_TIMEOUT_MS = 90_000
// The fixture's `keepSessionFiles`.
const KEPT = 2
const TOTALS = /^vitest-wandb: 3 tests \(1 passed, 1 failed, 1 skipped\) · 1 with traces · /

let fake: FakeWandb
beforeAll(async () => {
  fake = await createFakeWandb()
})
afterAll(async () => {
  await fake.close()
})

function ourLines(output: string): string[] {
  return output.split('\n').filter((line) => line.startsWith('vitest-wandb:'))
}

/** Session files and an unsynced offline run left by earlier sessions, all of them older. */
function earlierSessions(dir: string): { sessionFiles: string[]; offlineRun: string } {
  const sessionDir = join(dir, '.vitest-wandb')
  mkdirSync(sessionDir, { recursive: true })
  const sessionFiles = ['a1', 'b2', 'c3'].map((id) =>
    join(sessionDir, `session-20250101-000000-${id}.jsonl`),
  )
  const longAgo = new Date(Date.UTC(2025, 0, 1))
  for (const file of sessionFiles) {
    writeFileSync(file, '{"kind":"session"}\n')
    utimesSync(file, longAgo, longAgo)
  }
  const offlineRun = join(dir, 'wandb', 'offline-run-20250101_000000-unsynced')
  mkdirSync(offlineRun, { recursive: true })
  writeFileSync(join(offlineRun, 'run-unsynced.wandb'), '')
  return { sessionFiles, offlineRun }
}

describe('a watch session (`vitest` in a terminal) with reruns', () => {
  it(
    'logs no W&B run, prints a summary for every run, and keeps only the newest session files',
    async () => {
      const dir = copyFixture('watch')
      const earlier = earlierSessions(dir)
      const requestsBefore = fake.requests.length
      const run = await runScript(dir, 'watch.mjs', ['3'], { ...keylessEnv(), ...fake.env() })

      const lines = ourLines(run.stdout)
      expect(lines[0], run.stdout + run.stderr).toBe(
        'vitest-wandb: watch mode logs nothing to W&B (every rerun would be a run of its own); to log each run, set wandb({ wandbInWatchMode: true }).',
      )
      expect(lines.slice(1)).toEqual(Array.from({ length: 4 }, () => expect.stringMatching(TOTALS)))
      expect(ourLines(run.stderr)).toEqual([])
      expect(fake.requests.length, 'no request reached W&B').toBe(requestsBefore)
      expect(runFolders(dir), 'no W&B run was written').toEqual([earlier.offlineRun])

      const shown = [...run.stdout.matchAll(/^ {2}session file: \.vitest-wandb\/(\S+)$/gm)].map(
        (match) => match[1],
      )
      expect(shown).toHaveLength(4)
      const kept = readSessions(dir)
      expect(kept.map((session) => basename(session.file)).sort()).toEqual(
        shown.slice(-KEPT).sort(),
      )
      for (const session of kept) {
        expect(session.summary).toMatchObject({ total: 3, passed: 1, failed: 1, skipped: 1 })
      }
      expect(readFileSync(join(dir, '.vitest-wandb', 'latest'), 'utf8')).toBe(`${shown.at(-1)}\n`)
    },
    RUN_TEST_TIMEOUT_MS,
  )

  it(
    'logs every run, the first and each rerun, as a W&B run of its own when wandbInWatchMode is set',
    async () => {
      const dir = copyFixture('watch')
      const run = await runScript(dir, 'watch.mjs', ['1'], {
        ...keylessEnv(),
        E2E_WANDB_IN_WATCH_MODE: '1',
      })
      const lines = ourLines(run.stdout)
      expect(lines.filter((line) => line.includes('watch mode'))).toEqual([])
      expect(
        lines.filter((line) => TOTALS.test(line)),
        run.stdout + run.stderr,
      ).toHaveLength(2)
      expect(runFolders(dir)).toHaveLength(2)
      expect(run.stdout.match(/W&B offline run: wandb\/offline-run-/g)).toHaveLength(2)
    },
    RUN_TEST_TIMEOUT_MS,
  )
})
