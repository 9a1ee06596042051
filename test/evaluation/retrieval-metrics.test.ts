import { describe, expect, it } from 'vitest'
import { retrievalMetrics } from '../../src/evaluation/retrieval-metrics.js'
import { retrievedNodeIds } from '../../src/evaluation/retrieved-node-ids.js'
import * as packageEntry from '../../src/index.js'
import type { RetrievalMetrics } from '../../src/evaluation/retrieval-metrics.js'

// 1 / log2(rank + 1), the discounted gain of a relevant id at a rank.
const GAIN_1 = 1
const GAIN_2 = 0.6309297535714575
const GAIN_3 = 0.5
const GAIN_5 = 0.38685280723454163

function expectScores(actual: RetrievalMetrics, expected: RetrievalMetrics): void {
  for (const [name, value] of Object.entries(expected)) {
    expect(actual[name as keyof RetrievalMetrics], name).toBeCloseTo(value, 12)
  }
}

const ZERO: RetrievalMetrics = { hit_rate: 0, mrr: 0, precision: 0, recall: 0, ap: 0, ndcg: 0 }

describe('retrievalMetrics', () => {
  // Relevant ids d2 and d5 sit at ranks 2 and 5; d9 was not retrieved.
  const retrieved = ['d1', 'd2', 'd3', 'd4', 'd5']
  const expected = ['d2', 'd5', 'd9']

  it('scores a ranking with LlamaIndex’s definitions', () => {
    expectScores(retrievalMetrics({ retrieved, expected }), {
      // some expected id was retrieved
      hit_rate: 1,
      // the first relevant id is at rank 2: 1/2
      mrr: 0.5,
      // 2 of the 5 distinct retrieved ids are expected: 2/5
      precision: 0.4,
      // 2 of the 3 distinct expected ids were retrieved: 2/3
      recall: 2 / 3,
      // (precision@2 + precision@5) / |expected| = (1/2 + 2/5) / 3 = 0.9 / 3
      ap: 0.3,
      // DCG = gain(2) + gain(5) = 0.6309 + 0.3869 = 1.0178
      // IDCG over all 3 expected ids = gain(1) + gain(2) + gain(3) = 1 + 0.6309 + 0.5 = 2.1309
      ndcg: (GAIN_2 + GAIN_5) / (GAIN_1 + GAIN_2 + GAIN_3),
    })
    expect(retrievalMetrics({ retrieved, expected }).ndcg).toBeCloseTo(0.4776, 4)
  })

  it('scores hit rate and MRR the granular way when asked', () => {
    const scores = retrievalMetrics({
      retrieved,
      expected,
      granularHitRate: true,
      granularMrr: true,
    })
    // 2 hits over the 3 expected ids: 2/3
    expect(scores.hit_rate).toBeCloseTo(2 / 3, 12)
    // mean of the reciprocal ranks of the hits: (1/2 + 1/5) / 2 = 0.35
    expect(scores.mrr).toBeCloseTo(0.35, 12)
    expect(scores.precision).toBeCloseTo(0.4, 12)
  })

  it('gives a granular MRR below 1 to a perfect ranking of several ids', () => {
    // (1/1 + 1/2 + 1/3) / 3 = 11/18: LlamaIndex averages over every hit, not over queries
    const scores = retrievalMetrics({ retrieved: ['a', 'b', 'c'], expected: ['a', 'b', 'c'] })
    expect(scores.mrr).toBe(1)
    expect(
      retrievalMetrics({ retrieved: ['a', 'b', 'c'], expected: ['c', 'a', 'b'], granularMrr: true })
        .mrr,
    ).toBeCloseTo(11 / 18, 12)
  })

  it('scores only the first k retrieved ids', () => {
    expectScores(retrievalMetrics({ retrieved, expected, k: 2 }), {
      // the top 2 are d1, d2: d2 is a hit at rank 2
      hit_rate: 1,
      mrr: 0.5,
      // 1 of 2: 1/2
      precision: 0.5,
      // 1 of 3: 1/3
      recall: 1 / 3,
      // precision@2 / |expected| = (1/2) / 3 = 1/6
      ap: 1 / 6,
      // gain(2) / (gain(1) + gain(2) + gain(3)) = 0.6309 / 2.1309
      ndcg: GAIN_2 / (GAIN_1 + GAIN_2 + GAIN_3),
    })
    // the top 1 is d1 alone, which is not expected
    expectScores(retrievalMetrics({ retrieved, expected, k: 1 }), ZERO)
    // a k longer than the ranking scores all of it
    expect(retrievalMetrics({ retrieved, expected, k: 50 })).toEqual(
      retrievalMetrics({ retrieved, expected }),
    )
  })

  it('can lower granular MRR by moving a relevant id inside the cut-off, as a mean over hits does', () => {
    const expected = ['a', 'b']
    // top 2 of [a, x, b]: one hit at rank 1, mean 1/1 = 1
    expect(
      retrievalMetrics({ retrieved: ['a', 'x', 'b'], expected, k: 2, granularMrr: true }).mrr,
    ).toBe(1)
    // top 2 of [a, b, x]: hits at ranks 1 and 2, mean (1/1 + 1/2) / 2 = 0.75
    expect(
      retrievalMetrics({ retrieved: ['a', 'b', 'x'], expected, k: 2, granularMrr: true }).mrr,
    ).toBe(0.75)
  })

  it('keeps every expected id in the ideal ranking, so NDCG@k stays below 1 when k is short', () => {
    // DCG = gain(1) = 1; IDCG = gain(1) + gain(2) + gain(3) = 2.1309; NDCG = 1 / 2.1309 = 0.4693
    const scores = retrievalMetrics({ retrieved: ['a', 'b', 'c'], expected: ['a', 'b', 'c'], k: 1 })
    expect(scores.ndcg).toBeCloseTo(1 / (GAIN_1 + GAIN_2 + GAIN_3), 12)
    expect(scores.precision).toBe(1)
    // the same holds with fewer retrieved than expected: 1 / (1 + 0.6309) = 0.6131
    expect(retrievalMetrics({ retrieved: ['a'], expected: ['a', 'b'] }).ndcg).toBeCloseTo(
      1 / (GAIN_1 + GAIN_2),
      12,
    )
  })

  it('scores 0 everywhere when nothing was retrieved or nothing is expected', () => {
    expect(retrievalMetrics({ retrieved: [], expected: ['a'] })).toEqual(ZERO)
    expect(retrievalMetrics({ retrieved: ['a'], expected: [] })).toEqual(ZERO)
    expect(
      retrievalMetrics({
        retrieved: [],
        expected: [],
        k: 3,
        granularHitRate: true,
        granularMrr: true,
      }),
    ).toEqual(ZERO)
  })

  it('scores 0 everywhere when no retrieved id is expected', () => {
    expect(retrievalMetrics({ retrieved: ['x', 'y'], expected: ['a'], granularMrr: true })).toEqual(
      ZERO,
    )
  })

  it('credits a repeated retrieved id once, at its first rank', () => {
    // LlamaIndex credits both copies of a: granular hit rate 2/1, AP (1/1 + 2/2)/1 = 2,
    // NDCG (gain(1) + gain(2)) / gain(1) = 1.63. Crediting the first copy only:
    expectScores(
      retrievalMetrics({
        retrieved: ['a', 'a', 'b'],
        expected: ['a'],
        granularHitRate: true,
        granularMrr: true,
      }),
      {
        // 1 hit over 1 expected id
        hit_rate: 1,
        // the one credited hit is at rank 1 (LlamaIndex: (1/1 + 1/2) / 2 = 0.75)
        mrr: 1,
        // distinct retrieved {a, b}, of which a is expected: 1/2, as in LlamaIndex
        precision: 0.5,
        recall: 1,
        // precision@1 / 1 = 1
        ap: 1,
        // gain(1) / gain(1)
        ndcg: 1,
      },
    )
  })

  it('lets a repeated id keep its rank, so later ids are not moved up', () => {
    // x takes ranks 1 and 2, a is at rank 3
    expectScores(retrievalMetrics({ retrieved: ['x', 'x', 'a'], expected: ['a'] }), {
      hit_rate: 1,
      // 1/3
      mrr: 1 / 3,
      // distinct retrieved {x, a}: 1/2
      precision: 0.5,
      recall: 1,
      // precision@3 / 1 = 1/3
      ap: 1 / 3,
      // gain(3) / gain(1) = 0.5
      ndcg: GAIN_3,
    })
  })

  it('counts a repeated expected id as LlamaIndex does: once in sets, twice in list lengths', () => {
    // expected list has 3 entries, its set {a, b} has 2; a and b are at ranks 1 and 2
    expectScores(
      retrievalMetrics({ retrieved: ['a', 'b'], expected: ['a', 'a', 'b'], granularHitRate: true }),
      {
        // 2 hits over the list's 3 entries: 2/3
        hit_rate: 2 / 3,
        mrr: 1,
        precision: 1,
        // 2 of the set's 2: 1
        recall: 1,
        // (1/1 + 2/2) / |{a, b}| = 1
        ap: 1,
        // IDCG over the list's 3 entries: (1 + 0.6309) / (1 + 0.6309 + 0.5) = 0.7654
        ndcg: (GAIN_1 + GAIN_2) / (GAIN_1 + GAIN_2 + GAIN_3),
      },
    )
  })

  it('compares ids as strings, so 2 and "2" are the same id', () => {
    expect(retrievalMetrics({ retrieved: [1, 2], expected: ['2'] })).toEqual(
      retrievalMetrics({ retrieved: ['1', '2'], expected: ['2'] }),
    )
    expect(retrievalMetrics({ retrieved: [1, 2], expected: ['2'] }).mrr).toBe(0.5)
  })

  it('throws a RangeError for a k that is not a whole number of at least 1', () => {
    for (const k of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => retrievalMetrics({ retrieved, expected, k }), String(k)).toThrow(RangeError)
    }
    expect(() => retrievalMetrics({ retrieved, expected, k: -1 })).toThrow(
      'retrievalMetrics: k must be a whole number of at least 1 (how many top-ranked ids to score); got -1.',
    )
  })

  it('is exported from the package entry, with retrievedNodeIds', () => {
    expect(packageEntry.retrievalMetrics).toBe(retrievalMetrics)
    expect(packageEntry.retrievedNodeIds).toBe(retrievedNodeIds)
  })
})
