import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RecordedScore } from '../../src/scores/score-book.js'
import { passingRate, scoreStats } from '../../src/scores/score-stats.js'

function recorded(
  name: string,
  value: number,
  passing: boolean | null = null,
  comment: string | null = null,
): RecordedScore {
  return { name, value, passing, comment, min: null }
}

describe('scoreStats', () => {
  it('gives each name its mean, min, max and count over every run, names in the order first seen', () => {
    const stats = scoreStats([
      recorded('faithfulness', 0.1),
      recorded('relevance', 1, true, 'on topic'),
      recorded('faithfulness', 0.2),
      recorded('relevance', 0, false),
      recorded('faithfulness', 0.3),
      recorded('relevance', 1, null),
    ])
    expect(Object.keys(stats)).toEqual(['faithfulness', 'relevance'])
    expect(stats['faithfulness']).toEqual({
      mean: (0.1 + 0.2 + 0.3) / 3,
      min: 0.1,
      max: 0.3,
      count: 3,
      judged: 0,
      passed: 0,
      comment: null,
    })
    expect(stats['relevance']).toMatchObject({
      mean: 2 / 3,
      count: 3,
      judged: 2,
      passed: 1,
      comment: 'on topic',
    })
    expect(passingRate(stats['relevance']!)).toBe(0.5)
    expect(passingRate(stats['faithfulness']!)).toBeNull()
  })

  it('keeps min ≤ mean ≤ max and the count of every name, for any scores', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.constantFrom('a', 'b', 'c'),
            value: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
            passing: fc.constantFrom(true, false, null),
          }),
        ),
        (scores) => {
          const stats = scoreStats(scores.map((s) => recorded(s.name, s.value, s.passing)))
          for (const [name, each] of Object.entries(stats)) {
            const values = scores.filter((s) => s.name === name).map((s) => s.value)
            expect(each.count).toBe(values.length)
            expect(each.min).toBe(Math.min(...values))
            expect(each.max).toBe(Math.max(...values))
            expect(each.mean).toBeGreaterThanOrEqual(each.min - 1e-6)
            expect(each.mean).toBeLessThanOrEqual(each.max + 1e-6)
            expect(each.passed).toBeLessThanOrEqual(each.judged)
          }
        },
      ),
    )
  })
})
