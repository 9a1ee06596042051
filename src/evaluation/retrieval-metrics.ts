/** A node id; a number and its string form are the same id. */
export type RetrievalId = string | number

export interface RetrievalMetricsOptions {
  /** The ids the retriever returned, best ranked first. */
  readonly retrieved: readonly RetrievalId[]
  /** The ids a good retriever returns, in any order. */
  readonly expected: readonly RetrievalId[]
  /** Scores only the first `k` retrieved ids (`hit_rate@k` and so on); all of them when left out. */
  readonly k?: number
  /** Hit rate as the share of expected ids retrieved, instead of 1 for any hit. */
  readonly granularHitRate?: boolean
  /** MRR as the mean reciprocal rank of every relevant id retrieved, instead of the first one's. */
  readonly granularMrr?: boolean
}

/** Scores in [0, 1], named as LlamaIndex's `RetrieverEvaluator` names its metrics. */
export interface RetrievalMetrics {
  readonly hit_rate: number
  readonly mrr: number
  readonly precision: number
  readonly recall: number
  readonly ap: number
  readonly ndcg: number
}

/**
 * Scores a ranking against the expected ids with LlamaIndex Python's definitions (binary relevance,
 * ranks from 1). Where LlamaIndex raises on an empty list, every score is 0. A repeated retrieved id
 * is credited once, at its first rank, and later copies only take up their rank: LlamaIndex credits
 * each copy, which takes granular hit rate, AP and NDCG above 1.
 */
export function retrievalMetrics(options: RetrievalMetricsOptions): RetrievalMetrics {
  const ranked = topRanked(options.retrieved, options.k)
  const expected = options.expected.map(String)
  if (ranked.length === 0 || expected.length === 0) {
    return { hit_rate: 0, mrr: 0, precision: 0, recall: 0, ap: 0, ndcg: 0 }
  }
  const relevant = new Set(expected)
  const hitRanks = firstRanksOfRelevant(ranked, relevant)
  const hits = hitRanks.length
  const reciprocalRanks = hitRanks.map((rank) => 1 / rank)
  return {
    // LlamaIndex divides by the expected list and sizes the ideal ranking by it, repeats included.
    hit_rate: options.granularHitRate ? hits / expected.length : hits > 0 ? 1 : 0,
    mrr: options.granularMrr ? meanOrZero(reciprocalRanks) : (reciprocalRanks[0] ?? 0),
    precision: hits / new Set(ranked).size,
    recall: hits / relevant.size,
    ap: sum(hitRanks.map((rank, index) => (index + 1) / rank)) / relevant.size,
    // The ideal ranking holds every expected id, however few were retrieved or k lets in.
    ndcg: discountedGain(hitRanks) / discountedGain(ranksUpTo(expected.length)),
  }
}

function topRanked(retrieved: readonly RetrievalId[], k: number | undefined): string[] {
  if (k === undefined) return retrieved.map(String)
  if (!Number.isInteger(k) || k < 1) {
    throw new RangeError(
      `retrievalMetrics: k must be a whole number of at least 1 (how many top-ranked ids to score); got ${String(k)}.`,
    )
  }
  return retrieved.slice(0, k).map(String)
}

function firstRanksOfRelevant(ranked: readonly string[], relevant: ReadonlySet<string>): number[] {
  const seen = new Set<string>()
  const ranks: number[] = []
  ranked.forEach((id, index) => {
    if (relevant.has(id) && !seen.has(id)) ranks.push(index + 1)
    seen.add(id)
  })
  return ranks
}

function discountedGain(relevantRanks: readonly number[]): number {
  return sum(relevantRanks.map((rank) => 1 / Math.log2(rank + 1)))
}

function ranksUpTo(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index + 1)
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}

function meanOrZero(values: readonly number[]): number {
  return values.length === 0 ? 0 : sum(values) / values.length
}
