import { describe, expect, it } from 'vitest'
import { DEFAULT_QUERY, visibleTests } from '../../src/report/page/list-query.js'
import type { ListQuery } from '../../src/report/page/list-query.js'
import type { ReportTest, ReportTestChange } from '../../src/report/report-data.js'

const changed: ReportTestChange = {
  kinds: ['tokens'],
  presence: 'both',
  baseState: 'passed',
  tokens: { base: 1, head: 2, delta: 1 },
  llmCalls: { base: 1, head: 1, delta: 0 },
  durationMs: { base: 1, head: 1, delta: 0 },
  scores: {},
}

function test(name: string, overrides: Partial<ReportTest> = {}): ReportTest {
  return {
    name,
    file: 'a.test.ts',
    state: 'passed',
    durationMs: 1,
    spans: 0,
    llmCalls: 0,
    tokens: 0,
    flaky: false,
    retries: 0,
    error: null,
    scores: {},
    block: 0,
    entry: 0,
    change: null,
    ...overrides,
  }
}

const TESTS = [
  test('answers refunds', { durationMs: 30, tokens: 100, scores: { faith: 0.9 } }),
  test('answers shipping', {
    state: 'failed',
    error: 'AssertionError: no idea',
    durationMs: 10,
    tokens: 300,
    change: changed,
  }),
  test('is skipped', { state: 'skipped', file: 'b.test.ts' }),
  test('refuses', {
    durationMs: 20,
    tokens: 200,
    scores: { faith: 0.5 },
    change: { ...changed, kinds: [] },
  }),
]

const query = (overrides: Partial<ListQuery>): number[] =>
  visibleTests(TESTS, { ...DEFAULT_QUERY, ...overrides })

describe('visibleTests', () => {
  it('keeps every test in run order by default', () => {
    expect(query({})).toEqual([0, 1, 2, 3])
    expect(query({ descending: true })).toEqual([3, 2, 1, 0])
  })

  it('keeps the tests of an outcome, or those that changed from the baseline', () => {
    expect(query({ outcome: 'passed' })).toEqual([0, 3])
    expect(query({ outcome: 'failed' })).toEqual([1])
    expect(query({ outcome: 'skipped' })).toEqual([2])
    expect(query({ outcome: 'changed' })).toEqual([1])
  })

  it('keeps tests whose name, file or error holds every word, in any case', () => {
    expect(query({ text: 'ANSWERS' })).toEqual([0, 1])
    expect(query({ text: 'answers  idea' })).toEqual([1])
    expect(query({ text: 'b.test' })).toEqual([2])
    expect(query({ text: 'nothing like it' })).toEqual([])
    expect(query({ text: 'answers', outcome: 'passed' })).toEqual([0])
  })

  it('sorts by duration, tokens, name or a score, either way', () => {
    expect(query({ sort: 'duration', descending: true })).toEqual([0, 3, 1, 2])
    expect(query({ sort: 'tokens', descending: true })).toEqual([1, 3, 0, 2])
    expect(query({ sort: 'tokens' })).toEqual([2, 0, 3, 1])
    expect(query({ sort: 'name' })).toEqual([0, 1, 2, 3])
  })

  it('puts the tests without the sorted score last, whichever the direction', () => {
    expect(query({ sort: 'score:faith' })).toEqual([3, 0, 1, 2])
    expect(query({ sort: 'score:faith', descending: true })).toEqual([0, 3, 1, 2])
  })
})
