import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { useFakeWandb } from '../support/fake-wandb/use-fake-wandb.js'
import { allFileContents, historyRows, readRunRecords } from '../wandb/run-fixtures.js'
import { keylessEnv } from './support/keyless-env.js'
import { readOnlySession } from './support/read-session.js'
import { runFolders } from './support/offline-runs.js'
import { runFixture } from './support/run-fixture.js'
import type { FixtureRun } from './support/run-fixture.js'

const CLI = resolve(import.meta.dirname, '../../dist/cli/main.js')
const TESTS_IN_SUITE = 29

const fake = useFakeWandb()

function expectNoKey(run: FixtureRun, key: string): void {
  expect(run.stdout).not.toContain(key)
  expect(run.stderr).not.toContain(key)
  expect(allFileContents(run.dir)).not.toContain(key)
}

function expectCompleteOfflineRun(dir: string, projectDir: string): void {
  const records = readRunRecords(dir)
  expect(records.slice(0, 2).map((record) => record.kind)).toEqual(['header', 'run'])
  expect(historyRows(records)).toHaveLength(TESTS_IN_SUITE)
  expect(records.slice(-3).map((record) => record.kind)).toEqual(['summary', 'exit', 'final'])
  const files = records.flatMap((r) => (r.kind === 'files' ? r.files.files.map((f) => f.path) : []))
  expect(files.at(-1)).toBe('vitest-wandb/session.jsonl')
  expect(readFileSync(join(dir, 'files', 'vitest-wandb', 'session.jsonl'), 'utf8')).toBe(
    readFileSync(readOnlySession(projectDir).file, 'utf8'),
  )
}

describe('W&B logging from a real vitest run', () => {
  it('logs one online run: a row per test, the summary and the table, completed with the exit code', async () => {
    const run = await runFixture('suite', [], { ...keylessEnv(), ...fake().env() })
    expect(run.exitCode).toBe(1)
    const created = fake().runs.filter((each) => each.history.length > 0)
    expect(created).toHaveLength(1)
    const logged = created[0]!
    expect(logged.history).toHaveLength(TESTS_IN_SUITE)
    expect(new Set(logged.history.map((row) => row['test/name'])).size).toBe(TESTS_IN_SUITE)
    const passing = logged.history.find((row) => row['test/name'] === 'passes with a trace')
    expect(passing).toMatchObject({
      'test/state': 'passed',
      'test/file': 'outcomes.test.ts',
      'test/tokens_total': 100,
      'test/spans': 3,
    })
    const rootSpan = JSON.parse((passing?.['trace'] as { root_span_dumps: string }).root_span_dumps)
    expect(rootSpan).toMatchObject({
      name: 'outcomes.test.ts > passes with a trace',
      span_kind: 'CHAIN',
      status_code: 'SUCCESS',
    })
    expect(rootSpan.child_spans.map((span: { name: string }) => span.name)).toEqual(['query'])
    const skipped = logged.history.find((row) => row['test/name'] === 'is skipped')
    expect(skipped).not.toHaveProperty('trace')
    expect(
      logged.history.find((row) => row['test/name'] === 'fails with a trace')?.['test/error'],
    ).toBe('Error: the answer did not cite a source')
    expect(logged.summary).toMatchObject({
      'tests/total': 29,
      'tests/passed': 26,
      'tests/failed': 1,
      'tests/skipped': 2,
      'tokens/total': 200,
    })
    expect(logged.summary?.['tests']).toMatchObject({ _type: 'table-file', nrows: 29, ncols: 11 })
    expect(Object.keys(logged.uploads)).toEqual([
      (logged.summary?.['tests'] as { path: string }).path,
      'vitest-wandb/session.jsonl',
    ])
    expect(Buffer.from(logged.uploads['vitest-wandb/session.jsonl'] ?? []).toString()).toBe(
      readFileSync(readOnlySession(run.dir).file, 'utf8'),
    )
    expect(passing?.['test/id']).toBe('outcomes.test.ts > passes with a trace')
    expect(logged).toMatchObject({ complete: true, exitcode: 1 })
    expect(logged.configValues).toMatchObject({ vitest_wandb_version: '0.1.0', shard: null })
    const url = `${fake().baseUrl}/test-entity/e2e-suite/runs/${logged.upserts[0]?.['name']}`
    expect(
      run.stdout.split(url).length - 1,
      'the run URL is printed at the start and in the summary',
    ).toBe(2)
    expect(fake().invalidDocuments).toEqual([])
    expect(fake().keyLeaks).toEqual([])
    expectNoKey(run, fake().apiKey)
  })

  it('writes an offline run by default when no API key is found, and says how to upload it', async () => {
    const requests = fake().requests.length
    const run = await runFixture('suite', [], keylessEnv())
    expect(run.exitCode).toBe(1)
    const folders = runFolders(run.dir)
    expect(folders).toHaveLength(1)
    expect(folders[0]).toMatch(/offline-run-\d{8}_\d{6}-[a-z0-9]{8}$/)
    expectCompleteOfflineRun(folders[0]!, run.dir)
    const shown = relative(run.dir, folders[0]!)
    expect(shown).toMatch(/^wandb\/offline-run-/)
    expect(run.stdout).toContain(`W&B offline run: ${shown}`)
    expect(run.stdout).toContain(`npx vitest-wandb sync ${shown}`)
    expect(fake().requests.length).toBe(requests)
  })

  it.each([
    ['refuses connections', (): Promise<void> => fake().failures.refuse()],
    ['never answers', async (): Promise<void> => void fake().failures.hang()],
  ])(
    'saves the session offline within the deadline when W&B %s, with the exit code unchanged',
    async (_case, breakIt) => {
      await breakIt()
      const started = Date.now()
      const run = await runFixture('suite', [], {
        ...keylessEnv(),
        ...fake().env(),
        E2E_TIMEOUT_MS: '2000',
      })
      expect(Date.now() - started).toBeLessThan(20_000)
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toMatch(/Tests\s+1 failed \| 25 passed/)
      const folders = runFolders(run.dir)
      expect(folders).toHaveLength(1)
      expect(folders[0]).toMatch(/offline-run-/)
      expectCompleteOfflineRun(folders[0]!, run.dir)
      const warnings = run.stderr.split('\n').filter((line) => line.startsWith('vitest-wandb:'))
      const shown = relative(run.dir, folders[0]!)
      expect(warnings).toEqual([
        `vitest-wandb: could not reach W&B at ${fake().baseUrl} (${warnings[0]?.match(/\((.*)\); the session/)?.[1]}); the session was saved to ${shown} — upload it with \`npx vitest-wandb sync ${shown}\` (or \`wandb sync ${shown}\`).`,
      ])
      expectNoKey(run, fake().apiKey)
    },
  )

  it('uploads an offline run later with `vitest-wandb sync`, once', async () => {
    const run = await runFixture('suite', [], keylessEnv())
    const folder = runFolders(run.dir)[0]!
    const env = { ...process.env, ...keylessEnv(), ...fake().env() }
    const first = await promisify(execFile)(process.execPath, [CLI, 'sync', folder], { env })
    const url = '\\S+/test-entity/e2e-suite/runs/[a-z0-9]{8}'
    expect(first.stdout).toMatch(
      new RegExp(
        `^vitest-wandb: syncing ${folder} to (${url}) \\(29 rows, 2 files\\)\\.\\n` +
          `vitest-wandb: synced ${folder} to \\1 \\(29 rows, 2 files\\)\\.\\n$`,
      ),
    )
    const runId = folder.slice(-8)
    expect(fake().run(runId).history).toHaveLength(TESTS_IN_SUITE)
    expect(fake().run(runId)).toMatchObject({ complete: true, exitcode: 1 })
    expect(
      Buffer.from(fake().run(runId).uploads['vitest-wandb/session.jsonl'] ?? []).toString(),
    ).toBe(readFileSync(join(folder, 'files', 'vitest-wandb', 'session.jsonl'), 'utf8'))
    const second = await promisify(execFile)(process.execPath, [CLI, 'sync', folder], { env })
    expect(second.stdout).toContain('was synced before')
    expect(fake().run(runId).history).toHaveLength(TESTS_IN_SUITE)
  })
})
