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
  /** Length of a large trace's root span JSON string. */
  readonly largeJsonChars: number
}

interface Sample {
  readonly elapsedMs: number
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
  const startedAt = performance.now()
  cm.endTrace()
  const tree = handler.traces.at(-1)
  const dumps = tree === undefined ? '' : toWandbTraceTree(tree.rootSpan).root_span_dumps
  const elapsedMs = performance.now() - startedAt
  if (tree?.stats.spans !== spans) {
    throw new Error(`the ${spans}-span trace came out with ${tree?.stats.spans ?? 0} spans.`)
  }
  return { elapsedMs, jsonChars: dumps.length }
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
  let largeJsonChars = 0
  for (let round = 0; round < warmupRounds + rounds; round += 1) {
    const timeSmall = (): number[] =>
      Array.from({ length: smallPerRound }, () => timeOneBuild(smallSpans).elapsedMs)
    const smallFirst = round % 2 === 0
    const small = smallFirst ? timeSmall() : []
    const large = timeOneBuild(largeSpans)
    if (!smallFirst) small.push(...timeSmall())
    if (round < warmupRounds) continue
    smallSamplesMs.push(...small)
    largeSamplesMs.push(large.elapsedMs)
    roundRatios.push(large.elapsedMs / median(small))
    largeJsonChars = large.jsonChars
  }
  if (isDefaultTokenizerLoaded()) throw new Error('the tree build loaded the tokenizer.')
  return { smallSpans, largeSpans, smallSamplesMs, largeSamplesMs, roundRatios, largeJsonChars }
}
