import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runFixture } from './support/run-fixture.js'
import type { FixtureRun } from './support/run-fixture.js'

// The fixture holds a file named .vitest-wandb where the session file's folder should be.
let run: FixtureRun
beforeAll(async () => {
  run = await runFixture('unwritable', [], {
    HOME: mkdtempSync(join(tmpdir(), 'home-')),
    WANDB_API_KEY: '',
  })
}, 90_000)

describe('a session sink that fails', () => {
  it('costs one warning line naming its folder and the fix, and never the exit code', () => {
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toMatch(/Tests\s+3 passed/)
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('vitest-wandb:'))
    expect(warnings).toEqual([
      'vitest-wandb: could not create the session file in .vitest-wandb (EEXIST: a file is in the way); the session goes on without the session file — make .vitest-wandb/ in the project a folder that can be written, or turn the session file off with wandb({ sessionFile: false }).',
    ])
    expect(run.stdout).toContain('vitest-wandb: 3 tests (3 passed) · 3 with traces · 3 spans')
  })

  it('keeps its own line in the summary, and the W&B line too', () => {
    const summary = run.stdout.slice(run.stdout.indexOf('vitest-wandb: 3 tests'))
    expect(summary).toContain('\n  session file: not saved — see the warning above\n')
    expect(summary).toMatch(/\n {2}W&B offline run: wandb\/offline-run-\d{8}_\d{6}-[a-z0-9]{8}\n/)
  })
})
