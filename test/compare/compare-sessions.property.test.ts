import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareSessions } from '../../src/compare/compare-sessions.js'
import type {
  ChangeKind,
  Delta,
  MaybeDelta,
  SessionComparison,
  TestComparison,
} from '../../src/compare/comparison.js'
import { linesOf } from '../../src/compare/outline-change.js'
import type { SessionDigest } from '../../src/compare/session-digest.js'
import type { TestRecord } from '../../src/session/test-record.js'
import { applyHunks } from './support/apply-hunks.js'
import { digestOf, ragTrace, record, scoreOf, span, trace } from './support/sessions.js'

const SWAPPED: Readonly<Record<ChangeKind, ChangeKind>> = {
  added: 'removed',
  removed: 'added',
  'passed-to-failed': 'failed-to-passed',
  'failed-to-passed': 'passed-to-failed',
  'run-to-skipped': 'skipped-to-run',
  'skipped-to-run': 'run-to-skipped',
  'newly-flaky': 'no-longer-flaky',
  'no-longer-flaky': 'newly-flaky',
  outline: 'outline',
  'llm-calls': 'llm-calls',
  tokens: 'tokens',
  scores: 'scores',
  duration: 'duration',
}

const COUNTS = ['tests', 'passed', 'failed', 'skipped', 'spans', 'llmCalls'] as const
const TOKENS = ['prompt', 'completion', 'total'] as const

const traceArbitrary = fc.oneof(
  fc
    .tuple(fc.subarray(['rerank', 'synthesize', 'embedding']), fc.integer({ min: 0, max: 40 }))
    .map(([extra, tokens]) => ragTrace(extra, tokens)),
  fc.integer({ min: 1, max: 4 }).map((calls) =>
    trace(
      span(
        'agent',
        'AGENT',
        Array.from({ length: calls }, () => span('llm', 'LLM')),
      ),
    ),
  ),
)

const recordArbitrary: fc.Arbitrary<TestRecord> = fc
  .record({
    name: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    file: fc.constantFrom('x.test.ts', 'y.test.ts'),
    state: fc.constantFrom('passed', 'failed', 'skipped'),
    flaky: fc.boolean(),
    durationMs: fc.integer({ min: 0, max: 2_000 }),
    traces: fc.array(traceArbitrary, { maxLength: 2 }),
    scores: fc.dictionary(
      fc.constantFrom('faithfulness', 'relevance'),
      fc.double({ min: 0, max: 1, noNaN: true }).map(scoreOf),
    ),
  })
  .map(({ name, state, ...rest }) =>
    record(name, { ...rest, state, error: state === 'failed' ? 'boom' : null }),
  )

const sessionArbitrary = fc.array(recordArbitrary, { maxLength: 12 })

function byId(comparison: SessionComparison): Map<string, TestComparison> {
  return new Map(comparison.tests.map((test) => [test.id, test]))
}

function expectNegated(forward: MaybeDelta | Delta, backward: MaybeDelta | Delta): void {
  expect(backward.base).toBe(forward.head)
  expect(backward.head).toBe(forward.base)
  if (forward.delta === null) expect(backward.delta).toBeNull()
  else expect(backward.delta === -forward.delta).toBe(true)
}

function expectSwappedTest(forward: TestComparison, backward: TestComparison): void {
  expect(backward.change).toEqual(
    expect.arrayContaining(forward.change.map((kind) => SWAPPED[kind])),
  )
  expect(backward.change).toHaveLength(forward.change.length)
  expect(backward.state).toEqual({ base: forward.state.head, head: forward.state.base })
  expect(backward.outline?.baseHash).toBe(forward.outline?.headHash)
  for (const key of TOKENS) expectNegated(forward.tokens[key], backward.tokens[key])
  expectNegated(forward.llmCalls, backward.llmCalls)
  expectNegated(forward.durationMs, backward.durationMs)
  expect(Object.keys(backward.scores)).toEqual(Object.keys(forward.scores))
  for (const [name, score] of Object.entries(forward.scores))
    expectNegated(score, backward.scores[name] as MaybeDelta)
}

describe('compareSessions, for any two sessions', () => {
  it('reports no change between a session and itself', () => {
    fc.assert(
      fc.property(sessionArbitrary, (records) => {
        const session = digestOf(records)
        const comparison = compareSessions(session, session)
        expect(comparison.tests).toEqual([])
        expect(comparison.regressions).toEqual([])
        expect(comparison.summary.unchanged).toBe(session.tests.size)
        expect(Object.values(comparison.summary.changes).every((count) => count === 0)).toBe(true)
        const { summary } = comparison
        for (const key of COUNTS) expect(summary[key].delta).toBe(0)
        for (const key of TOKENS) expect(summary.tokens[key].delta).toBe(0)
        for (const mean of Object.values(summary.scores)) expect(mean.delta).toBe(0)
        expect(summary.passRate.delta ?? 0).toBe(0)
      }),
      { numRuns: 200 },
    )
  })

  it('swaps added with removed and each outcome with its reverse, and negates every delta, when base and head swap', () => {
    fc.assert(
      fc.property(sessionArbitrary, sessionArbitrary, (baseRecords, headRecords) => {
        const base = digestOf(baseRecords, 'base')
        const head = digestOf(headRecords, 'head')
        const forward = compareSessions(base, head)
        const backward = compareSessions(head, base)
        const backwardTests = byId(backward)
        expect([...backwardTests.keys()].sort()).toEqual(
          forward.tests.map((test) => test.id).sort(),
        )
        for (const test of forward.tests)
          expectSwappedTest(test, backwardTests.get(test.id) as TestComparison)
        const { summary } = forward
        for (const key of [
          'tests',
          'passed',
          'failed',
          'skipped',
          'spans',
          'llmCalls',
          'passRate',
        ] as const)
          expectNegated(summary[key], backward.summary[key])
        for (const key of ['prompt', 'completion', 'total'] as const)
          expectNegated(summary.tokens[key], backward.summary.tokens[key])
        for (const [name, mean] of Object.entries(summary.scores))
          expectNegated(mean, backward.summary.scores[name] as MaybeDelta)
        for (const kind of Object.keys(SWAPPED) as ChangeKind[])
          expect(backward.summary.changes[SWAPPED[kind]]).toBe(summary.changes[kind])
        expect(backward.summary.unchanged).toBe(summary.unchanged)
      }),
      { numRuns: 300 },
    )
  })

  it('gives outline diffs that turn the base outline into the head outline', () => {
    fc.assert(
      fc.property(sessionArbitrary, sessionArbitrary, (baseRecords, headRecords) => {
        const base = digestOf(baseRecords, 'base')
        const head = digestOf(headRecords, 'head')
        for (const test of compareSessions(base, head).tests) {
          if (test.outline?.diff == null) continue
          const from = outlineOf(base, test.id)
          expect(applyHunks(from, test.outline.diff)).toEqual(outlineOf(head, test.id))
        }
      }),
      { numRuns: 300 },
    )
  })
})

function outlineOf(session: SessionDigest, id: string): string[] {
  return linesOf(session.tests.get(id)?.outline ?? '')
}
