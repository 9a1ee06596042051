import type { ReportTest } from '../report-data.js'

export const OUTCOMES = ['all', 'passed', 'failed', 'skipped', 'changed'] as const
export type Outcome = (typeof OUTCOMES)[number]

/** `order` is the order tests were recorded in; `score:<name>` sorts by that score's mean. */
export type SortKey = 'order' | 'name' | 'duration' | 'tokens' | 'llmCalls' | `score:${string}`

export interface ListQuery {
  readonly outcome: Outcome
  /** Words that must all appear in a test's name, file or error (any case). */
  readonly text: string
  readonly sort: SortKey
  readonly descending: boolean
}

export const DEFAULT_QUERY: ListQuery = {
  outcome: 'all',
  text: '',
  sort: 'order',
  descending: false,
}

/** The indexes of the tests the query keeps, in its order; tests without the sorted score last. */
export function visibleTests(tests: readonly ReportTest[], query: ListQuery): number[] {
  const words = query.text
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '')
  const kept: number[] = []
  tests.forEach((test, index) => {
    if (keeps(test, query.outcome, words)) kept.push(index)
  })
  if (query.sort === 'order') return query.descending ? kept.reverse() : kept
  const value = sortValue(query.sort)
  const sign = query.descending ? -1 : 1
  return kept
    .map((index) => ({ index, value: value(tests[index] as ReportTest) }))
    .sort((a, b) => compareValues(a.value, b.value, sign) || a.index - b.index)
    .map(({ index }) => index)
}

function keeps(test: ReportTest, outcome: Outcome, words: readonly string[]): boolean {
  if (outcome === 'changed') {
    if (test.change === null || test.change.kinds.length === 0) return false
  } else if (outcome !== 'all' && test.state !== outcome) return false
  if (words.length === 0) return true
  const text = `${test.name}\n${test.file}\n${test.error ?? ''}`.toLowerCase()
  return words.every((word) => text.includes(word))
}

function sortValue(sort: SortKey): (test: ReportTest) => number | string | undefined {
  switch (sort) {
    case 'name':
      return (test) => `${test.name}\n${test.file}`
    case 'duration':
      return (test) => test.durationMs
    case 'tokens':
      return (test) => test.tokens
    case 'llmCalls':
      return (test) => test.llmCalls
    default: {
      const name = sort.slice('score:'.length)
      return (test) => (Object.hasOwn(test.scores, name) ? test.scores[name] : undefined)
    }
  }
}

function compareValues(
  a: number | string | undefined,
  b: number | string | undefined,
  sign: number,
): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1
  if (a === b) return 0
  return (a < b ? -1 : 1) * sign
}
