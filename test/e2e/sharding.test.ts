import { describe, expect, it } from 'vitest'
import { readOnlySession, readSessions } from './support/read-session.js'
import { copyFixture, runVitest } from './support/run-fixture.js'

describe('a sharded run merged with --merge-reports', () => {
  it('logs exactly one session, at the merge, with every test once', async () => {
    const dir = copyFixture('suite')
    const first = await runVitest(dir, ['run', '--shard=1/2', '--reporter=blob'])
    const second = await runVitest(dir, ['run', '--shard=2/2', '--reporter=blob'])
    expect(readSessions(dir), 'shards leave the session to the merge').toEqual([])
    expect([first.exitCode, second.exitCode].sort()).toEqual([0, 1])
    expect(first.stdout + second.stdout).not.toContain('vitest-wandb:')

    const merged = await runVitest(dir, ['run', '--merge-reports'])
    expect(merged.exitCode).toBe(1)
    const session = readOnlySession(dir)
    const names = session.tests.map((test) => test.name)
    expect(names).toHaveLength(29)
    expect(new Set(names).size).toBe(29)
    expect(session.summary).toMatchObject({ total: 29, passed: 26, failed: 1, skipped: 2 })
    const retried = session.tests.find((test) => test.name === 'passes on the third attempt')
    expect(retried).toMatchObject({ retries: 2, flaky: true })
    expect(retried?.traces).toHaveLength(1)
    expect(session.tests.find((test) => test.name === 'fails with a trace')?.error).toBe(
      'Error: the answer did not cite a source',
    )
    expect(merged.stdout).toContain(
      'vitest-wandb: 29 tests (26 passed, 1 failed, 2 skipped) · 27 with traces · ',
    )
  })
})

describe('a run with --reporter on the command line', () => {
  it('keeps the session reporter next to the one asked for', async () => {
    const dir = copyFixture('suite')
    const run = await runVitest(dir, ['run', '--reporter=dot'])
    expect(run.exitCode).toBe(1)
    expect(readOnlySession(dir).tests).toHaveLength(29)
    expect(run.stdout).toContain(
      'vitest-wandb: 29 tests (26 passed, 1 failed, 2 skipped) · 27 with traces · ',
    )
  })
})
