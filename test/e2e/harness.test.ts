import { beforeAll, describe, expect, it } from 'vitest'
import type { Span } from '../../src/trace/span.js'
import { readOnlySession, testNamed } from './support/read-session.js'
import type { SessionContents } from './support/read-session.js'
import { expectedVersions, runFixture } from './support/run-fixture.js'
import type { FixtureRun } from './support/run-fixture.js'

function spanNames(span: Span): string[] {
  return [span.name ?? '', ...(span.child_spans ?? []).flatMap(spanNames)]
}

function queryStrings(span: Span): string[] {
  const own = span.results?.[0]?.inputs?.['query_str']
  return [
    ...(typeof own === 'string' ? [own] : []),
    ...(span.child_spans ?? []).flatMap(queryStrings),
  ]
}

describe('a vitest run with the plugin', () => {
  let run: FixtureRun
  let session: SessionContents

  beforeAll(async () => {
    run = await runFixture('suite')
    session = readOnlySession(run.dir)
  })

  it('ran on the Vitest and Node this suite was pointed at', () => {
    const expected = expectedVersions()
    expect(session.session.vitestVersion).toBe(expected.vitest)
    expect(session.session.nodeVersion).toBe(expected.node)
  })

  it('keeps the exit code Vitest gives the tests: 1, because one test fails', () => {
    expect(run.exitCode, run.stderr).toBe(1)
  })

  it('writes one record per test case, skipped and todo tests included, with names unchanged', () => {
    expect(session.tests.map((test) => test.name).sort()).toEqual(
      [
        'a suite > each alpha',
        'a suite > each beta',
        ...Array.from({ length: 20 }, (_, index) => `concurrent ${index}`),
        'fails as expected',
        'fails with a trace',
        'is a todo',
        'is skipped',
        'opens a span and never closes it',
        'passes on the third attempt',
        'passes with a trace',
      ].sort(),
    )
    // Vitest lists the test.fails test apart as an expected failure; the session counts it as passed.
    expect(session.summary).toMatchObject({ total: 29, passed: 26, failed: 1, skipped: 2 })
  })

  it('records a passing test with its trace tree and token totals', () => {
    const record = testNamed(session, 'passes with a trace')
    expect(record).toMatchObject({
      file: 'outcomes.test.ts',
      state: 'passed',
      retries: 0,
      flaky: false,
      error: null,
    })
    expect(record.traces).toHaveLength(1)
    expect(spanNames(record.traces[0]!.rootSpan)).toEqual(['query', 'retrieve', 'llm'])
    expect(record.stats).toMatchObject({ spans: 3, llmCalls: 1, totalTokens: 100 })
    expect(record.durationMs).toBeGreaterThan(0)
  })

  it('records a failing test with its first error and its trace', () => {
    const record = testNamed(session, 'fails with a trace')
    expect(record.state).toBe('failed')
    expect(record.error).toBe('Error: the answer did not cite a source')
    expect(record.traces).toHaveLength(1)
  })

  it('records skipped and todo tests without traces', () => {
    for (const name of ['is skipped', 'is a todo']) {
      expect(testNamed(session, name)).toMatchObject({ state: 'skipped', traces: [], error: null })
    }
  })

  it('counts a test.fails test as passed, as the run does, and keeps its trace', () => {
    const record = testNamed(session, 'fails as expected')
    expect(record.state).toBe('passed')
    expect(record.traces).toHaveLength(1)
  })

  it('gives each retry a fresh handler: the record holds the last attempt only, with retries and flakiness', () => {
    const record = testNamed(session, 'passes on the third attempt')
    expect(record).toMatchObject({ state: 'passed', retries: 2, flaky: true })
    expect(record.traces).toHaveLength(1)
    expect(queryStrings(record.traces[0]!.rootSpan)).toEqual(['attempt 3', 'attempt 3'])
  })

  it('closes a span left open as ERROR when the test ends', () => {
    const root = testNamed(session, 'opens a span and never closes it').traces[0]!.rootSpan
    expect(root.status_code).toBe('ERROR')
    expect(root.status_message).toMatch(/did not end/)
  })

  it("routes the shared manager's events of 20 concurrent tests each to its own test", () => {
    for (let index = 0; index < 20; index += 1) {
      const record = testNamed(session, `concurrent ${index}`)
      expect(record.traces).toHaveLength(1)
      const queries = queryStrings(record.traces[0]!.rootSpan)
      expect(queries).toEqual([0, 1, 2].map((step) => `test-${index}-step-${step}`))
    }
  })

  it('keeps the default reporter and adds a short summary naming the session file', () => {
    expect(run.stdout).toMatch(/Tests\s+1 failed \| 25 passed/)
    expect(run.stdout).toContain(
      'vitest-wandb: 29 tests (26 passed, 1 failed, 2 skipped) · 27 with traces · ',
    )
    expect(run.stdout).toMatch(/most tokens:\n\s+100\s+outcomes\.test\.ts > passes with a trace/)
    expect(run.stdout).toContain(`session file: .vitest-wandb/${session.file.split('/').pop()}`)
    expect(run.stderr).not.toContain('vitest-wandb:')
  })
})
