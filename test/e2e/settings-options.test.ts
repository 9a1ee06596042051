import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { copyFixture, runVitest } from './support/run-fixture.js'
import type { FixtureRun } from './support/run-fixture.js'
import { pathsUnder, writtenOutside } from './support/written-paths.js'

// Each case is a real `vitest run`, on two cores shared with other test files.
const RUN_TIMEOUT_MS = 90_000

const FIX = 'fix it in the Vitest config, or leave it out'

/** Runs the fixture with `options` merged into its wandb() options; `prepare` sets up its folder first. */
async function runWithOptions(
  options: Record<string, unknown>,
  prepare: (dir: string) => void = () => undefined,
): Promise<FixtureRun & { before: string[] }> {
  const dir = copyFixture('settings')
  prepare(dir)
  const before = pathsUnder(dir)
  const run = await runVitest(dir, ['run'], {
    HOME: mkdtempSync(join(tmpdir(), 'home-')),
    WANDB_API_KEY: '',
    E2E_WANDB_OPTIONS: JSON.stringify(options),
  })
  return { ...run, before }
}

/** The run stopped at config time with `line`: no test ran, and nothing was written. */
function expectStopped(run: FixtureRun & { before: string[] }, line: string): void {
  expect(run.exitCode, run.stdout + run.stderr).toBe(1)
  expect(run.stderr.split('\n')).toContain(`TypeError: ${line}`)
  expect(run.stdout).not.toMatch(/Tests\s+\d+ passed/)
  expect(run.stdout + run.stderr).not.toContain('vitest-wandb: 2 tests')
  expect(writtenOutside(run.dir, run.before, [])).toEqual([])
}

describe('a plugin option W&B would refuse', { timeout: RUN_TIMEOUT_MS }, () => {
  it.each([
    ['mode', { mode: 'bogus' }, 'one of online, offline, disabled; got "bogus"'],
    [
      'project',
      { project: '' },
      'a W&B project name (1 to 128 characters, none of / \\ # ? % :); got ""',
    ],
    [
      'entity',
      { entity: 'my-team/other' },
      'a W&B user or team name (no spaces, none of / \\ # ? % :); got "my-team/other"',
    ],
    ['tags', { tags: ['ci', ''] }, 'tags of 1 to 64 characters each; got ["ci",""]'],
    ['timeoutMs', { timeoutMs: 0 }, 'a positive number of milliseconds; got 0'],
  ])(
    'stops the run at config time when wandb({ %s }) is wrong, naming the option and the fix',
    async (option, options, rule) => {
      const run = await runWithOptions(options)
      expectStopped(run, `vitest-wandb: wandb({ ${option} }) must be ${rule} — ${FIX}.`)
    },
  )

  it('stops the run at config time for a dir under a regular file, naming the file', async () => {
    const run = await runWithOptions({ dir: 'blocker/runs' }, (dir) => {
      writeFileSync(join(dir, 'blocker'), 'a file, not a folder')
    })
    expectStopped(
      run,
      `vitest-wandb: wandb({ dir }) must be a folder where runs can be written; got "blocker/runs", but blocker is a file, not a folder — ${FIX}.`,
    )
  })
})
