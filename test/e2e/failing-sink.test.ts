import { describe, expect, it } from 'vitest'
import { runFixture } from './support/run-fixture.js'

describe('a session sink that fails', () => {
  it('costs one warning line and never the exit code', async () => {
    const run = await runFixture('unwritable')
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    expect(run.stdout).toMatch(/Tests\s+3 passed/)
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('vitest-wandb:'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /^vitest-wandb: the SessionFileSink failed to start \(Error: EEXIST.*\); the session goes on without it\.$/,
    )
    expect(run.stdout).toContain('vitest-wandb: 3 tests (3 passed) · 3 with traces · 3 spans')
  })
})
