import type { TestDigest } from './test-digest.js'

/** A session's totals, as its summary line holds them or as its tests add up. */
export interface SessionTotals {
  readonly tests: number
  readonly passed: number
  readonly failed: number
  readonly skipped: number
  readonly spans: number
  readonly llmCalls: number
  readonly promptTokens: number
  readonly completionTokens: number
  readonly totalTokens: number
  /** Each score's session mean: the mean of the means of the tests that recorded it. */
  readonly scores: Readonly<Record<string, number>>
}

/** The totals of a session that has no summary line (its process was killed), from its tests. */
export function totalsOfTests(tests: Iterable<TestDigest>): SessionTotals {
  const counts = { tests: 0, passed: 0, failed: 0, skipped: 0 }
  const usage = { spans: 0, llmCalls: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0 }
  const sums = new Map<string, { sum: number; count: number }>()
  for (const test of tests) {
    counts.tests += 1
    counts[test.state] += 1
    for (const key of Object.keys(usage) as (keyof typeof usage)[]) usage[key] += test.usage[key]
    for (const [name, mean] of Object.entries(test.scores)) {
      const seen = sums.get(name) ?? { sum: 0, count: 0 }
      sums.set(name, { sum: seen.sum + mean, count: seen.count + 1 })
    }
  }
  const scores = [...sums].map(([name, { sum, count }]) => [name, sum / count] as const)
  return { ...counts, ...usage, scores: Object.fromEntries(scores) }
}
