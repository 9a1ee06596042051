import { GCProfiler } from 'node:v8'
import { CallbackManager, toWandbTraceTree, WandbCallbackHandler } from '../src/index.js'
import { isDefaultTokenizerLoaded } from '../src/trace/token-counter.js'
import { collectGarbage, median } from './measure.js'
import { PAIRS_PER_QUERY, recordQuery } from './mixed-trace.js'

export interface GrowthOptions {
  readonly smallSpans: number
  readonly largeSpans: number
  readonly warmupRounds: number
  readonly rounds: number
  /** Small traces timed per round; the round's small time is their median. */
  readonly smallPerRound: number
}

export interface GrowthResult {
  readonly smallSpans: number
  readonly largeSpans: number
  /** Every measured small-trace time (ms). */
  readonly smallSamplesMs: readonly number[]
  /** One large-trace time per round (ms). */
  readonly largeSamplesMs: readonly number[]
  /** Per round: the large time over the median small time of the same round. */
  readonly roundRatios: readonly number[]
  /** Garbage-collector time inside each small and each large sample (ms), in the same order. */
  readonly smallCollectorMs: readonly number[]
  readonly largeCollectorMs: readonly number[]
  /** Length of a large trace's root span JSON string. */
  readonly largeJsonChars: number
}

interface Sample {
  readonly elapsedMs: number
  /** How much of `elapsedMs` the garbage collector took. */
  readonly collectorMs: number
  readonly jsonChars: number
}

/**
 * Records a trace of `spans` event pairs (untimed), then times its end: from `endTrace` to the
 * JSON string of its root span, as it is logged to W&B.
 */
function timeOneBuild(spans: number): Sample {
  const handler = new WandbCallbackHandler({ keptTraces: 1 })
  const cm = new CallbackManager([handler])
  cm.startTrace('bench')
  for (let query = 0; query < spans / PAIRS_PER_QUERY; query += 1) recordQuery(cm, query)
  collectGarbage()
  const collector = new GCProfiler()
  collector.start()
  const startedAt = performance.now()
  cm.endTrace()
  const tree = handler.traces.at(-1)
  const dumps = tree === undefined ? '' : toWandbTraceTree(tree.rootSpan).root_span_dumps
  const elapsedMs = performance.now() - startedAt
  const collections = collector.stop().statistics
  if (tree?.stats.spans !== spans) {
    throw new Error(`the ${spans}-span trace came out with ${tree?.stats.spans ?? 0} spans.`)
  }
  const collectorUs = collections.reduce((total, collection) => total + collection.cost, 0)
  return { elapsedMs, collectorMs: collectorUs / 1000, jsonChars: dumps.length }
}

/**
 * Times small and large traces in the same rounds, the side that goes first alternating, so drift
 * in machine load moves both sides of each round's ratio alike.
 */
export function measureGrowth(options: GrowthOptions): GrowthResult {
  const { smallSpans, largeSpans, warmupRounds, rounds, smallPerRound } = options
  const smallSamplesMs: number[] = []
  const largeSamplesMs: number[] = []
  const roundRatios: number[] = []
  const smallCollectorMs: number[] = []
  const largeCollectorMs: number[] = []
  let largeJsonChars = 0
  for (let round = 0; round < warmupRounds + rounds; round += 1) {
    const timeSmall = (): Sample[] =>
      Array.from({ length: smallPerRound }, () => timeOneBuild(smallSpans))
    const smallFirst = round % 2 === 0
    const small = smallFirst ? timeSmall() : []
    const large = timeOneBuild(largeSpans)
    if (!smallFirst) small.push(...timeSmall())
    if (round < warmupRounds) continue
    const smallMs = small.map((sample) => sample.elapsedMs)
    smallSamplesMs.push(...smallMs)
    smallCollectorMs.push(...small.map((sample) => sample.collectorMs))
    largeSamplesMs.push(large.elapsedMs)
    largeCollectorMs.push(large.collectorMs)
    roundRatios.push(large.elapsedMs / median(smallMs))
    largeJsonChars = large.jsonChars
  }
  if (isDefaultTokenizerLoaded()) throw new Error('the tree build loaded the tokenizer.')
  return {
    smallSpans,
    largeSpans,
    smallSamplesMs,
    largeSamplesMs,
    roundRatios,
    smallCollectorMs,
    largeCollectorMs,
    largeJsonChars,
  }
}
