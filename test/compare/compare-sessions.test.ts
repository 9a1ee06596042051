import { describe, expect, it } from 'vitest'
import { compareSessions } from '../../src/compare/compare-sessions.js'
import { DEFAULT_COMPARE_OPTIONS } from '../../src/compare/comparison.js'
import type { TestComparison } from '../../src/compare/comparison.js'
import { MAX_OUTLINE_DIFF_LINES } from '../../src/compare/outline-change.js'
import type { TestRecord } from '../../src/session/test-record.js'
import { digestOf, ragTrace, record, scoreOf, span, trace } from './support/sessions.js'

function compare(base: TestRecord[], head: TestRecord[], options = DEFAULT_COMPARE_OPTIONS) {
  return compareSessions(digestOf(base, 'base'), digestOf(head, 'head'), options)
}

function only(base: TestRecord, head: TestRecord): TestComparison {
  const { tests } = compare([base], [head])
  expect(tests).toHaveLength(1)
  return tests[0] as TestComparison
}

const RAG = { traces: [ragTrace()], durationMs: 200 }

describe('compareSessions: matching', () => {
  it('reports nothing for tests that are the same in both sessions', () => {
    const records = [record('a', RAG), record('b', { state: 'skipped' })]
    const comparison = compare(records, records)
    expect(comparison.tests).toEqual([])
    expect(comparison.summary.unchanged).toBe(2)
    expect(comparison.regressions).toEqual([])
  })

  it('matches tests by id: a renamed test is removed and added', () => {
    const { tests, summary } = compare([record('old name', RAG)], [record('new name', RAG)])
    expect(tests.map((test) => [test.id, test.change])).toEqual([
      ['a.test.ts > old name', ['removed']],
      ['a.test.ts > new name', ['added']],
    ])
    expect(summary.changes).toMatchObject({ added: 1, removed: 1 })
    expect(summary.unchanged).toBe(0)
  })

  it('tells tests of the same name in different files apart', () => {
    const { tests } = compare(
      [record('t', { file: 'a.test.ts' }), record('t', { file: 'b.test.ts' })],
      [record('t', { file: 'a.test.ts' })],
    )
    expect(tests.map((test) => test.id)).toEqual(['b.test.ts > t'])
  })

  it('shows what one side lacks as null', () => {
    const [added] = compare([], [record('new', { ...RAG, scores: { f: scoreOf(1) } })]).tests
    expect(added).toMatchObject({
      state: { base: null, head: 'passed' },
      outline: null,
      llmCalls: { base: null, head: 1, delta: null },
      tokens: { total: { base: null, head: 10, delta: null } },
      scores: { f: { base: null, head: 1, delta: null } },
      durationMs: { base: null, head: 200, delta: null },
    })
  })
})

describe('compareSessions: outcomes', () => {
  it('reports passed → failed with the error, and failed → passed', () => {
    const broken = only(record('t'), record('t', { state: 'failed', error: 'boom\nstack' }))
    expect(broken.change).toEqual(['passed-to-failed'])
    expect(broken.error).toEqual({ base: null, head: 'boom' })
    expect(only(record('t', { state: 'failed' }), record('t')).change).toEqual(['failed-to-passed'])
  })

  it('reports a test skipped on one side and run on the other as an outcome change', () => {
    const skipped = record('t', { state: 'skipped', durationMs: 0 })
    expect(only(record('t', RAG), skipped).change).toEqual(['run-to-skipped'])
    expect(only(skipped, record('t', { ...RAG, state: 'failed' })).change).toEqual([
      'skipped-to-run',
    ])
    expect(compare([skipped], [skipped]).tests).toEqual([])
  })

  it('reports a test that became flaky, or stopped being flaky', () => {
    const flaky = record('t', { flaky: true, retries: 1 })
    expect(only(record('t'), flaky).change).toEqual(['newly-flaky'])
    expect(only(flaky, record('t')).change).toEqual(['no-longer-flaky'])
    expect(compare([flaky], [flaky]).tests).toEqual([])
  })
})

describe('compareSessions: metrics of tests that ran in both', () => {
  it('shows a structure change as a unified diff of the outline', () => {
    const test = only(record('t', RAG), record('t', { ...RAG, traces: [ragTrace(['rerank'])] }))
    expect(test.change).toEqual(['outline'])
    expect(test.outline?.diff).toEqual([
      {
        baseStart: 1,
        baseLines: 3,
        headStart: 1,
        headLines: 4,
        lines: [' query (AGENT)', ' ├─ retrieve (TOOL)', '+├─ rerank (CHAIN)', ' └─ llm (LLM)'],
      },
    ])
    expect(test.outline?.baseHash).toMatch(/^[\da-f]{12}$/)
    expect(test.outline?.baseHash).not.toBe(test.outline?.headHash)
  })

  it('compares outlines over the limit by hash only', () => {
    const wide = (extra: string) =>
      trace(
        span(
          'query',
          'AGENT',
          Array.from({ length: MAX_OUTLINE_DIFF_LINES }, (_, i) => span(`${extra}${i}`)),
        ),
      )
    const test = only(record('t', { traces: [wide('a')] }), record('t', { traces: [wide('b')] }))
    expect(test.change).toContain('outline')
    expect(test.outline).toMatchObject({ diff: null })
    expect(test.outline?.baseHash).not.toBe(test.outline?.headHash)
  })

  it('reports LLM calls and tokens with their deltas', () => {
    const more = {
      traces: [trace(span('q', 'AGENT', [span('llm', 'LLM'), span('llm', 'LLM')]), 20)],
    }
    const test = only(
      record('t', {
        traces: [trace(span('q', 'AGENT', [span('llm', 'LLM'), span('llm', 'LLM')]), 10)],
      }),
      record('t', more),
    )
    expect(test.change).toEqual(['tokens'])
    expect(test.tokens).toEqual({
      prompt: { base: 14, head: 28, delta: 14 },
      completion: { base: 6, head: 12, delta: 6 },
      total: { base: 20, head: 40, delta: 20 },
    })
    const calls = only(
      record('t', RAG),
      record('t', { ...RAG, traces: [ragTrace([], 10), ragTrace([], 10)] }),
    )
    expect(calls.change).toEqual(['outline', 'llm-calls', 'tokens'])
    expect(calls.llmCalls).toEqual({ base: 1, head: 2, delta: 1 })
  })

  it('reports each score of the test with its delta, and scores only one side recorded', () => {
    const test = only(
      record('t', { scores: { kept: scoreOf(0.5), fell: scoreOf(0.9), gone: scoreOf(1) } }),
      record('t', { scores: { kept: scoreOf(0.5), fell: scoreOf(0.6), new: scoreOf(0) } }),
    )
    expect(test.change).toEqual(['scores'])
    expect(test.scores).toEqual({
      fell: { base: 0.9, head: 0.6, delta: 0.6 - 0.9 },
      gone: { base: 1, head: null, delta: null },
      kept: { base: 0.5, head: 0.5, delta: 0 },
      new: { base: null, head: 0, delta: null },
    })
  })

  it('reports durations only past the noise', () => {
    const took = (durationMs: number) => record('t', { durationMs })
    expect(only(took(200), took(400)).change).toEqual(['duration'])
    expect(only(took(400), took(200)).change).toEqual(['duration'])
    expect(compare([took(200)], [took(290)]).tests).toEqual([])
    expect(compare([took(10)], [took(100)]).tests).toEqual([])
    const strict = { ...DEFAULT_COMPARE_OPTIONS, durationNoise: { ratio: 0.1, minMs: 5 } }
    expect(compare([took(10)], [took(100)], strict).tests).toHaveLength(1)
  })

  it('gives no metric change to a test skipped on one side', () => {
    const test = only(
      record('t', { ...RAG, scores: { f: scoreOf(1) } }),
      record('t', { state: 'skipped' }),
    )
    expect(test.change).toEqual(['run-to-skipped'])
    expect(test.outline).toBeNull()
  })

  it('lists a test that failed in both with a changed structure', () => {
    const failed = { state: 'failed' as const, error: 'boom' }
    const test = only(
      record('t', { ...failed, ...RAG }),
      record('t', { ...failed, ...RAG, traces: [ragTrace(['rerank'])] }),
    )
    expect(test.change).toEqual(['outline'])
  })
})

describe('compareSessions: the session', () => {
  const base = [
    record('a', { ...RAG, scores: { faithfulness: scoreOf(0.9) } }),
    record('b', { scores: { faithfulness: scoreOf(0.7) } }),
    record('c', { state: 'skipped' }),
  ]
  const head = [
    record('a', { ...RAG, traces: [ragTrace([], 30)], scores: { faithfulness: scoreOf(0.8) } }),
    record('b', { state: 'failed', error: 'x', scores: { faithfulness: scoreOf(0.7) } }),
    record('c', { state: 'skipped' }),
    record('d'),
  ]

  it('sums up tests, pass rate, usage and each score mean, base → head', () => {
    const { summary } = compare(base, head)
    expect(summary).toMatchObject({
      tests: { base: 3, head: 4, delta: 1 },
      passed: { base: 2, head: 2, delta: 0 },
      failed: { base: 0, head: 1, delta: 1 },
      skipped: { base: 1, head: 1, delta: 0 },
      passRate: { base: 1, head: 2 / 3 },
      llmCalls: { base: 1, head: 1, delta: 0 },
      tokens: { total: { base: 10, head: 30, delta: 20 } },
      unchanged: 1,
    })
    expect(summary.scores['faithfulness']?.base).toBeCloseTo(0.8)
    expect(summary.scores['faithfulness']?.head).toBeCloseTo(0.75)
    expect(summary.changes).toMatchObject({ 'passed-to-failed': 1, added: 1, scores: 1, tokens: 1 })
  })

  it('lists tests most telling change first, then by id', () => {
    expect(compare(base, head).tests.map((test) => [test.id, test.change])).toEqual([
      ['a.test.ts > b', ['passed-to-failed']],
      ['a.test.ts > a', ['scores', 'tokens']],
      ['a.test.ts > d', ['added']],
    ])
  })

  it('counts a test gone from passed to failed and a score mean fallen past the tolerance as regressions', () => {
    const { regressions } = compare(base, head)
    expect(regressions).toEqual([
      { kind: 'passed-to-failed', test: 'a.test.ts > b' },
      {
        kind: 'score-dropped',
        score: 'faithfulness',
        base: expect.closeTo(0.8),
        head: expect.closeTo(0.75),
        delta: expect.closeTo(-0.05),
      },
    ])
    const lenient = compare(base, head, { ...DEFAULT_COMPARE_OPTIONS, scoreTolerance: 0.1 })
    expect(lenient.regressions.map((regression) => regression.kind)).toEqual(['passed-to-failed'])
  })

  it('does not count a fall of exactly the tolerance, nor a score one side lacks', () => {
    const scored = (value: number, name = 's') => [
      record('t', { scores: { [name]: scoreOf(value) } }),
    ]
    expect(compare(scored(0.9), scored(0.88)).regressions).toEqual([])
    expect(compare(scored(0.9), scored(0.87)).regressions).toHaveLength(1)
    expect(compare(scored(0.9), scored(0.1, 'other')).regressions).toEqual([])
  })

  it('has a null pass rate for a session where no test ran', () => {
    const { summary } = compare([record('c', { state: 'skipped' })], [record('c')])
    expect(summary.passRate).toEqual({ base: null, head: 1, delta: null })
  })

  it('describes both sessions', () => {
    const comparison = compare(base, head)
    expect(comparison.base).toEqual({
      source: 'base',
      file: 'base.jsonl',
      sessionId: 'base',
      startedAtMs: 0,
      vitestVersion: '4.1.12',
      gitCommit: null,
      gitBranch: null,
      complete: true,
      duplicates: 0,
    })
    expect(comparison.options).toEqual(DEFAULT_COMPARE_OPTIONS)
  })
})
