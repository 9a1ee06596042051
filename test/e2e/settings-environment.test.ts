import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useFakeWandb } from '../support/fake-wandb/use-fake-wandb.js'
import { allFileContents, historyRows, readRunRecords } from '../wandb/run-fixtures.js'
import { runFolders } from './support/offline-runs.js'
import { readOnlySession } from './support/read-session.js'
import { copyFixture, runVitest } from './support/run-fixture.js'
import type { FixtureRun } from './support/run-fixture.js'
import { pathsUnder, writtenOutside } from './support/written-paths.js'

// Each case is a real `vitest run`, on two cores shared with other test files.
const RUN_TIMEOUT_MS = 90_000

const TESTS_IN_FIXTURE = 2
const SESSION_DIR = '.vitest-wandb'
const RUN_ID_EXPECTED = `a W&B run id (1 to 128 characters, no spaces or "..", none of / \\ : ; , # ? ')`

const fake = useFakeWandb()

interface SettingsRun extends FixtureRun {
  readonly before: string[]
  readonly requests: number
  readonly warnings: string[]
}

/**
 * Runs the fixture against the fake W&B, with a key it takes, and `env` on top; `prepare` sets up
 * the project folder first.
 */
async function runWith(
  env: Record<string, string>,
  prepare: (dir: string) => void = () => undefined,
): Promise<SettingsRun> {
  const dir = copyFixture('settings')
  prepare(dir)
  const before = pathsUnder(dir)
  const requests = fake().requests.length
  const run = await runVitest(dir, ['run'], {
    HOME: mkdtempSync(join(tmpdir(), 'home-')),
    ...fake().env(),
    ...env,
  })
  const warnings = run.stderr.split('\n').filter((line) => line.startsWith('vitest-wandb:'))
  return { ...run, before, requests: fake().requests.length - requests, warnings }
}

/** The tests ran and passed as usual, and the session file holds every one of them. */
function expectTestsUntouched(run: SettingsRun): void {
  expect(run.exitCode, run.stdout + run.stderr).toBe(0)
  expect(run.stdout).toMatch(new RegExp(`Tests\\s+${TESTS_IN_FIXTURE} passed`))
  expect(readOnlySession(run.dir).tests).toHaveLength(TESTS_IN_FIXTURE)
}

/** The session went to one complete offline run, and nothing was sent to W&B. */
function expectOneOfflineRun(run: SettingsRun): string {
  const folders = runFolders(run.dir)
  expect(folders).toHaveLength(1)
  const records = readRunRecords(folders[0]!)
  expect(historyRows(records)).toHaveLength(TESTS_IN_FIXTURE)
  expect(records.slice(-3).map((record) => record.kind)).toEqual(['summary', 'exit', 'final'])
  expect(writtenOutside(run.dir, run.before, [SESSION_DIR, 'wandb'])).toEqual([])
  return relative(run.dir, folders[0]!)
}

describe(
  'a WANDB_* variable that makes a run W&B would refuse',
  { timeout: RUN_TIMEOUT_MS },
  () => {
    it.each([
      ['WANDB_MODE', 'bogus', 'one of online, offline, disabled'],
      [
        'WANDB_PROJECT',
        'rag/evals',
        'a W&B project name (1 to 128 characters, none of / \\ # ? % :)',
      ],
      [
        'WANDB_ENTITY',
        'my-team/other',
        'a W&B user or team name (no spaces, none of / \\ # ? % :)',
      ],
      ['WANDB_RUN_ID', '../../../escape', RUN_ID_EXPECTED],
      ['WANDB_RUN_ID', 'nightly run 42', RUN_ID_EXPECTED],
    ])(
      'turns W&B off when %s is %j: one warning line, no request, nothing written outside the session folder',
      async (name, value, rule) => {
        const run = await runWith({ [name]: value })
        expectTestsUntouched(run)
        expect(run.warnings).toEqual([
          `vitest-wandb: ${name} must be ${rule}; got ${JSON.stringify(value)}; W&B logging is off for this session — fix ${name} or unset it.`,
        ])
        expect(run.stdout).toContain('\n  W&B run: not logged — see the warning above\n')
        expect(run.requests).toBe(0)
        expect(existsSync(join(run.dir, 'wandb'))).toBe(false)
        expect(writtenOutside(run.dir, run.before, [SESSION_DIR])).toEqual([])
      },
    )

    it('turns W&B off when WANDB_DIR is under a regular file, naming WANDB_DIR, and keeps both summary lines', async () => {
      const run = await runWith({ WANDB_DIR: 'blocker/runs' }, (dir) => {
        writeFileSync(join(dir, 'blocker'), 'a file, not a folder')
      })
      expectTestsUntouched(run)
      expect(run.warnings).toEqual([
        'vitest-wandb: could not create the W&B run folder in blocker/runs/wandb (ENOTDIR: part of the path is a file, not a folder); the session goes on without the W&B run — point WANDB_DIR at a folder that can be written, or unset it.',
      ])
      expect(run.stdout).toMatch(/\n {2}session file: \.vitest-wandb\/session-[\w-]+\.jsonl\n/)
      expect(run.stdout).toContain('\n  W&B run: not saved — see the warning above\n')
      expect(run.requests).toBe(0)
      expect(writtenOutside(run.dir, run.before, [SESSION_DIR])).toEqual([])
    })
  },
)

describe('a variable that makes W&B unreachable on purpose', { timeout: RUN_TIMEOUT_MS }, () => {
  it.each([
    [
      'WANDB_BASE_URL',
      'not a url',
      'WANDB_BASE_URL must be the http(s) address of the W&B API, such as https://api.wandb.ai; got "not a url"',
      (): string => 'fix WANDB_BASE_URL or unset it',
    ],
    [
      'WANDB_API_KEY',
      'k3y-sh0rt',
      'WANDB_API_KEY is not a W&B API key (it has 5 characters where W&B keys have 40 or more)',
      (): string =>
        `set WANDB_API_KEY to your key from ${fake().baseUrl}/authorize, or run \`wandb login --relogin\``,
    ],
    [
      'VITEST_WANDB_TIMEOUT_MS',
      'soon',
      'VITEST_WANDB_TIMEOUT_MS must be a positive number of milliseconds; got "soon"',
      (): string => 'fix VITEST_WANDB_TIMEOUT_MS or unset it',
    ],
  ])(
    'saves the run offline at once when %s is %j, with one line: why, where, the fix and the upload',
    async (name, value, what, fix) => {
      const run = await runWith({ [name]: value })
      expectTestsUntouched(run)
      const shown = expectOneOfflineRun(run)
      expect(shown).toMatch(/^wandb\/offline-run-\d{8}_\d{6}-[a-z0-9]{8}$/)
      expect(run.warnings).toEqual([
        `vitest-wandb: ${what}; the run is saved offline to ${shown} — ${fix()}, then upload the run with \`npx vitest-wandb sync ${shown}\`.`,
      ])
      expect(run.stdout).toContain(`\n  W&B offline run: ${shown}\n`)
      expect(run.requests).toBe(0)
      expect(run.stdout + run.stderr + allFileContents(run.dir)).not.toContain('sh0rt')
    },
  )
})

describe('a W&B that rejects the API key', { timeout: RUN_TIMEOUT_MS }, () => {
  it('says so on a 401, with how to set the key, and saves the session offline after one request', async () => {
    const key = 'f'.repeat(40)
    const run = await runWith({ WANDB_API_KEY: key })
    expectTestsUntouched(run)
    const shown = expectOneOfflineRun(run)
    const upload = `upload it with \`npx vitest-wandb sync ${shown}\` (or \`wandb sync ${shown}\`)`
    expect(run.warnings).toEqual([
      `vitest-wandb: W&B rejected the API key (HTTP 401) at ${fake().baseUrl}; the session was saved to ${shown} — set WANDB_API_KEY to your key from ${fake().baseUrl}/authorize or run \`wandb login --relogin\`, then ${upload}.`,
    ])
    expect(run.stdout).toContain(`\n  W&B offline run (not uploaded): ${shown}\n    ${upload}\n`)
    expect(run.requests).toBe(1)
    expect(run.stdout + run.stderr + allFileContents(run.dir)).not.toContain(key)
  })

  it('says so on a 403, with a key that may write to the entity and project as the fix', async () => {
    fake().failures.failNext({ route: 'graphql', operation: 'UpsertBucket' }, 1, 403)
    const run = await runWith({})
    expectTestsUntouched(run)
    const shown = expectOneOfflineRun(run)
    expect(run.warnings).toHaveLength(1)
    expect(run.warnings[0]).toMatch(
      new RegExp(
        `^vitest-wandb: W&B rejected the API key \\(HTTP 403\\) at ${fake().baseUrl}; the session was saved to ${shown} — use a key that may write to this entity and project .*, then upload it with`,
      ),
    )
    expect(run.requests).toBe(1)
  })
})

describe('VITEST_WANDB_TIMEOUT_MS', { timeout: RUN_TIMEOUT_MS }, () => {
  it('sets how long the session waits on W&B', async () => {
    fake().failures.hang()
    const run = await runWith({ VITEST_WANDB_TIMEOUT_MS: '1500' })
    expectTestsUntouched(run)
    expectOneOfflineRun(run)
    expect(run.warnings).toHaveLength(1)
    expect(run.warnings[0]).toMatch(
      new RegExp(
        `^vitest-wandb: could not reach W&B at ${fake().baseUrl} \\(timed out after 1[45]\\d\\d ms\\)`,
      ),
    )
  })

  it('gives way to the timeoutMs option', async () => {
    fake().failures.hang()
    const run = await runWith({
      VITEST_WANDB_TIMEOUT_MS: '60000',
      E2E_WANDB_OPTIONS: JSON.stringify({ timeoutMs: 1200 }),
    })
    expectTestsUntouched(run)
    expect(run.warnings[0]).toMatch(/\(timed out after 1[12]\d\d ms\)/)
  })
})
