import { describe, expect, it } from 'vitest'
import type { ScoreStats } from '../../src/scores/score-stats.js'
import { addToSummary, emptySummary, testId } from '../../src/session/test-record.js'
import type { TestRecord } from '../../src/session/test-record.js'
import { emptyStats } from '../../src/trace/span.js'
import { testRecord } from '../support/test-records.js'

function stats(values: number[], passing: boolean[] = []): ScoreStats {
  return {
    mean: values.reduce((sum, value) => sum + value, 0) / values.length,
    min: Math.min(...values),
    max: Math.max(...values),
    count: values.length,
    judged: passing.length,
    passed: passing.filter(Boolean).length,
    comment: null,
  }
}

function summed(records: readonly TestRecord[]): ReturnType<typeof emptySummary> {
  const summary = emptySummary()
  for (const record of records) addToSummary(summary, record)
  return summary
}

describe('addToSummary', () => {
  it("takes a score's mean over tests as the mean of their means, each test counting once", () => {
    const summary = summed([
      testRecord({ name: 'a', scores: { relevance: stats([1, 1, 1, 1]) } }),
      testRecord({ name: 'b', scores: { relevance: stats([0.25, 0.5]) } }),
    ])
    expect(summary.scores['relevance']).toMatchObject({
      mean: 0.6875,
      sum: 1.375,
      min: 0.25,
      max: 1,
      count: 2,
    })
  })

  it('names the test with the lowest mean, not the one with the lowest single value', () => {
    const summary = summed([
      testRecord({ name: 'dips once', scores: { groundedness: stats([0.1, 0.9, 0.9]) } }),
      testRecord({ name: 'steady', scores: { groundedness: stats([0.5]) } }),
      testRecord({ name: 'high', scores: { groundedness: stats([0.8]) } }),
    ])
    expect(summary.scores['groundedness']).toMatchObject({
      min: 0.1,
      lowest: { test: 'f.test.ts > steady', mean: 0.5 },
    })
  })

  it('adds up judged and passing values over tests, and keeps scores apart by name', () => {
    const summary = summed([
      testRecord({ scores: { faithfulness: stats([0.9, 0.3], [true, false]) } }),
      testRecord({ scores: { faithfulness: stats([0.8], [true]), recall: stats([1]) } }),
      testRecord({ scores: {} }),
    ])
    expect(summary.scores['faithfulness']).toMatchObject({ judged: 3, passed: 2, count: 2 })
    expect(summary.scores['recall']).toMatchObject({ judged: 0, passed: 0, count: 1, mean: 1 })
    expect(Object.keys(summary.scores)).toEqual(['faithfulness', 'recall'])
    expect(summary.total).toBe(3)
  })

  it("sums the judges' LLM calls and tokens apart from the pipeline's", () => {
    const judge = { ...emptyStats(), spans: 1, llmCalls: 1, promptTokens: 50, totalTokens: 55 }
    const pipeline = { ...emptyStats(), spans: 3, llmCalls: 1, totalTokens: 10 }
    const summary = summed([
      testRecord({ stats: pipeline, judgeStats: judge }),
      testRecord({ stats: pipeline, judgeStats: { ...judge, llmCalls: 2, totalTokens: 110 } }),
      testRecord({ stats: pipeline }),
    ])
    expect(summary).toMatchObject({
      llmCalls: 3,
      tokensTotal: 30,
      spans: 9,
      judgeLlmCalls: 3,
      judgeTokensTotal: 165,
    })
  })

  it('labels a test by its file and full name', () => {
    expect(testId({ file: 'rag.test.ts', name: 'suite > answers' })).toBe(
      'rag.test.ts > suite > answers',
    )
  })
})
