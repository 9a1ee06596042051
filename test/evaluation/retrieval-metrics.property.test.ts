import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { retrievalMetrics } from '../../src/evaluation/retrieval-metrics.js'
import { NUM_RUNS } from '../property/runs.js'

// A small alphabet, so that retrieved and expected ids often meet and repeat.
const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', '0', '1']
const id = fc.oneof(fc.constantFrom(...LETTERS), fc.integer({ min: 0, max: 3 }))
const ids = fc.array(id, { maxLength: 12 })
const uniqueIds = fc.uniqueArray(fc.constantFrom(...LETTERS), { minLength: 1 })
const k = fc.option(fc.integer({ min: 1, max: 14 }), { nil: undefined })
const input = fc.record({
  retrieved: ids,
  expected: ids,
  k,
  granularHitRate: fc.boolean(),
  granularMrr: fc.boolean(),
})

const gain = (rank: number): number => 1 / Math.log2(rank + 1)
const total = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0)

/**
 * LlamaIndex Python's metrics, written position by position as its definitions read. They agree
 * with ours when no retrieved id repeats, the only case where they stay within [0, 1].
 */
function llamaIndexMetrics(retrieved: string[], expected: string[]): Record<string, number> {
  const expectedSet = new Set(expected)
  const retrievedSet = new Set(retrieved)
  const isHit = retrieved.map((entry) => expectedSet.has(entry))
  const hitRanks = isHit.flatMap((hit, index) => (hit ? [index + 1] : []))
  const shared = [...retrievedSet].filter((entry) => expectedSet.has(entry)).length
  const precisionAt = (rank: number): number =>
    new Set(retrieved.slice(0, rank).filter((entry) => expectedSet.has(entry))).size / rank
  return {
    hit_rate: isHit.some(Boolean) ? 1 : 0,
    granular_hit_rate: hitRanks.length / expected.length,
    mrr: hitRanks.length === 0 ? 0 : 1 / (hitRanks[0] as number),
    granular_mrr:
      hitRanks.length === 0 ? 0 : total(hitRanks.map((rank) => 1 / rank)) / hitRanks.length,
    precision: shared / retrievedSet.size,
    recall: shared / expectedSet.size,
    ap: total(hitRanks.map(precisionAt)) / expectedSet.size,
    ndcg: total(hitRanks.map(gain)) / total(expected.map((_, index) => gain(index + 1))),
  }
}

describe('retrievalMetrics, for any ranking', () => {
  it('gives every score in [0, 1]', () => {
    fc.assert(
      fc.property(input, (options) => {
        for (const score of Object.values(retrievalMetrics(options))) {
          expect(score).toBeGreaterThanOrEqual(0)
          expect(score).toBeLessThanOrEqual(1)
        }
      }),
      { numRuns: NUM_RUNS },
    )
  })

  it('agrees with LlamaIndex’s definitions when no retrieved id repeats', () => {
    fc.assert(
      fc.property(uniqueIds, fc.array(id, { minLength: 1, maxLength: 12 }), (retrieved, ids) => {
        const expected = ids.map(String)
        const reference = llamaIndexMetrics(retrieved, expected)
        const plain = retrievalMetrics({ retrieved, expected })
        const granular = retrievalMetrics({
          retrieved,
          expected,
          granularHitRate: true,
          granularMrr: true,
        })
        expect(plain.hit_rate).toBe(reference['hit_rate'])
        expect(plain.mrr).toBe(reference['mrr'])
        expect(granular.hit_rate).toBeCloseTo(reference['granular_hit_rate'] as number, 12)
        expect(granular.mrr).toBeCloseTo(reference['granular_mrr'] as number, 12)
        for (const name of ['precision', 'recall', 'ap', 'ndcg'] as const) {
          expect(plain[name], name).toBeCloseTo(reference[name] as number, 12)
        }
      }),
      { numRuns: NUM_RUNS },
    )
  })

  it('scores a perfect ranking 1 everywhere, and granular MRR the mean of 1/1 … 1/n', () => {
    fc.assert(
      fc.property(uniqueIds, (perfect) => {
        const scores = retrievalMetrics({ retrieved: perfect, expected: perfect })
        expect(scores).toEqual({ hit_rate: 1, mrr: 1, precision: 1, recall: 1, ap: 1, ndcg: 1 })
        const granular = retrievalMetrics({
          retrieved: perfect,
          expected: perfect,
          granularHitRate: true,
          granularMrr: true,
        })
        expect(granular.hit_rate).toBe(1)
        const meanReciprocalRank =
          total(perfect.map((_, index) => 1 / (index + 1))) / perfect.length
        expect(granular.mrr).toBeCloseTo(meanReciprocalRank, 12)
      }),
      { numRuns: NUM_RUNS },
    )
  })

  it('never lowers MRR, AP or NDCG when a relevant id moves above an irrelevant one', () => {
    const expectedIds = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1 })
    const swap = expectedIds.chain((expected) =>
      fc.record({
        expected: fc.constant(expected),
        before: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'x', 'y'), { maxLength: 6 }),
        relevant: fc.constantFrom(...expected),
        // never expected: the expected ids are drawn from a to d
        irrelevant: fc.constantFrom('x', 'y', 'z'),
        after: fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'x', 'y'), { maxLength: 6 }),
        k,
      }),
    )
    fc.assert(
      fc.property(swap, ({ expected, before, relevant, irrelevant, after, k }) => {
        const lowerRanking = [...before, irrelevant, relevant, ...after]
        const higherRanking = [...before, relevant, irrelevant, ...after]
        const lower = retrievalMetrics({ retrieved: lowerRanking, expected, k })
        const higher = retrievalMetrics({ retrieved: higherRanking, expected, k })
        expect(higher.mrr).toBeGreaterThanOrEqual(lower.mrr)
        expect(higher.ap).toBeGreaterThanOrEqual(lower.ap)
        expect(higher.ndcg).toBeGreaterThanOrEqual(lower.ndcg)
        // Granular MRR is a mean over the hits: one moved inside the cut-off can lower it, so
        // it is checked on the whole ranking only.
        const granular = (retrieved: string[]): number =>
          retrievalMetrics({ retrieved, expected, granularMrr: true }).mrr
        expect(granular(higherRanking)).toBeGreaterThanOrEqual(granular(lowerRanking))
      }),
      { numRuns: NUM_RUNS },
    )
  })

  it('has precision × distinct retrieved = recall × distinct expected = the ids they share', () => {
    fc.assert(
      fc.property(input, (options) => {
        const scores = retrievalMetrics(options)
        const retrieved = new Set(options.retrieved.slice(0, options.k).map(String))
        const expected = new Set(options.expected.map(String))
        const shared = [...retrieved].filter((entry) => expected.has(entry)).length
        if (retrieved.size === 0 || expected.size === 0) {
          expect([scores.precision, scores.recall]).toEqual([0, 0])
          return
        }
        expect(scores.precision * retrieved.size).toBeCloseTo(shared, 9)
        expect(scores.recall * expected.size).toBeCloseTo(shared, 9)
        expect(scores.hit_rate > 0).toBe(shared > 0)
      }),
      { numRuns: NUM_RUNS },
    )
  })
})
