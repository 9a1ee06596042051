import { describe, expect, it } from 'vitest'
import { addToSummary, emptySummary } from '../../src/session/test-record.js'
import type { ScoreStats } from '../../src/scores/score-stats.js'
import { failedThresholds } from '../../src/vitest/thresholds.js'
import { testRecord } from '../support/test-records.js'

function stats(mean: number): ScoreStats {
  return { mean, min: mean, max: mean, count: 1, judged: 0, passed: 0, comment: null }
}

function summaryOf(...means: Array<Record<string, number>>) {
  const summary = emptySummary()
  means.forEach((scores, index) =>
    addToSummary(
      summary,
      testRecord({
        name: `test ${index}`,
        scores: Object.fromEntries(
          Object.entries(scores).map(([name, mean]) => [name, stats(mean)]),
        ),
      }),
    ),
  )
  return summary
}

describe('failedThresholds', () => {
  it('says which score means are under their threshold, with the number of tests', () => {
    const summary = summaryOf({ faithfulness: 0.7, recall: 1 }, { faithfulness: 0.72, recall: 0.5 })
    expect(failedThresholds(summary, { faithfulness: 0.8, recall: 0.75 })).toEqual([
      'vitest-wandb: faithfulness mean 0.71 is under its threshold 0.8 (2 tests)',
    ])
    expect(failedThresholds(summary, { faithfulness: 0.71, recall: 0.75 })).toEqual([])
  })

  it('never shows a mean just under its threshold as equal to it', () => {
    const summary = summaryOf({ faithfulness: 0.7999 })
    expect(failedThresholds(summary, { faithfulness: 0.8 })).toEqual([
      'vitest-wandb: faithfulness mean 0.7999 is under its threshold 0.8 (1 test)',
    ])
  })

  it('fails a threshold that names a score no test recorded', () => {
    expect(failedThresholds(summaryOf({ faithfulness: 1 }), { faithfullness: 0.5 })).toEqual([
      'vitest-wandb: no test recorded the score "faithfullness" that thresholds names (a misspelt name, or its tests did not run); it fails the run until a test records it or the threshold goes.',
    ])
  })
})
