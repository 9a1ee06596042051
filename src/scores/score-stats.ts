import type { RecordedScore } from './score-book.js'

/** One score over every run of a test (repeats and retries), or over the tests of a session. */
export interface ScoreStats {
  readonly mean: number
  readonly min: number
  readonly max: number
  readonly count: number
  /** Values that came with `passing` (evaluator results), and how many of them passed. */
  readonly judged: number
  readonly passed: number
  /** The last comment given, if any. */
  readonly comment: string | null
}

/** Each score name's statistics over `scores`, in the order names first appear. */
export function scoreStats(scores: readonly RecordedScore[]): Record<string, ScoreStats> {
  const sums = new Map<string, { sum: number; stats: ScoreStats }>()
  for (const score of scores) {
    const seen = sums.get(score.name)
    const judged = score.passing === null ? 0 : 1
    const passed = score.passing === true ? 1 : 0
    if (seen === undefined) {
      const stats = { mean: score.value, min: score.value, max: score.value, count: 1 }
      sums.set(score.name, {
        sum: score.value,
        stats: { ...stats, judged, passed, comment: score.comment },
      })
      continue
    }
    const { stats } = seen
    seen.sum += score.value
    seen.stats = {
      mean: seen.sum / (stats.count + 1),
      min: Math.min(stats.min, score.value),
      max: Math.max(stats.max, score.value),
      count: stats.count + 1,
      judged: stats.judged + judged,
      passed: stats.passed + passed,
      comment: score.comment ?? stats.comment,
    }
  }
  return Object.fromEntries([...sums].map(([name, { stats }]) => [name, stats]))
}

/** The share of judged values that passed; null when none came with `passing`. */
export function passingRate(stats: Pick<ScoreStats, 'judged' | 'passed'>): number | null {
  return stats.judged === 0 ? null : stats.passed / stats.judged
}
