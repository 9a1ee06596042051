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
  /** Small traces timed alone per round; the round's alone time is their median. */
  readonly smallAlonePerRound: number
}

/** Milliseconds per trace, one sample per timed stretch, and the collector's part of each. */
export interface Timings {
  readonly samplesMs: readonly number[]
  readonly collectorMs: readonly number[]
}

export interface GrowthResult {
  readonly smallSpans: number
  readonly largeSpans: number
  /** How many small traces are ended in turn: as many as hold the spans of one large trace. */
  readonly smallInTurnCount: number
  /** Small traces ended one after another from one full collection: ms per trace. */
  readonly smallInTurn: Timings
  /** One small trace ended right after a full collection. */
  readonly smallAlone: Timings
  /** One large trace ended right after a full collection. */
  readonly large: Timings
  /** Per round: the large time over the small time in turn, of the same round. */
  readonly roundRatios: readonly number[]
  /** Per round: the large time over the median small time alone, of the same round. */
  readonly aloneRoundRatios: readonly number[]
  /** Length of a large trace's root span JSON string. */
  readonly largeJsonChars: number
}

interface Sample {
  /** Per trace. */
  readonly elapsedMs: number
  /** Per trace: how much of `elapsedMs` the garbage collector took. */
  readonly collectorMs: number
  readonly jsonChars: number
}

interface RecordedTrace {
  readonly handler: WandbCallbackHandler
  readonly manager: CallbackManager
}

function recordTrace(spans: number): RecordedTrace {
  const handler = new WandbCallbackHandler({ keptTraces: 1 })
  const manager = new CallbackManager([handler])
  manager.startTrace('bench')
  for (let query = 0; query < spans / PAIRS_PER_QUERY; query += 1) recordQuery(manager, query)
  return { handler, manager }
}

function endAndSerialize({ handler, manager }: RecordedTrace): string {
  manager.endTrace()
  const tree = handler.traces.at(-1)
  return tree === undefined ? '' : toWandbTraceTree(tree.rootSpan).root_span_dumps
}

/**
 * Records `count` traces of `spans` event pairs (untimed), runs a full collection, then times
 * their ends one after another: from `endTrace` to the JSON string of the root span, as it is
 * logged to W&B. Every tree stays kept by its handler, and every JSON string, until the time is taken.
 */
function timeBuilds(spans: number, count: number): Sample {
  const traces = Array.from({ length: count }, () => recordTrace(spans))
  collectGarbage()
  const collector = new GCProfiler()
  collector.start()
  const startedAt = performance.now()
  const dumps = traces.map(endAndSerialize)
  const elapsedMs = performance.now() - startedAt
  const collections = collector.stop().statistics
  for (const { handler } of traces) {
    const built = handler.traces.at(-1)?.stats.spans ?? 0
    if (built !== spans) throw new Error(`the ${spans}-span trace came out with ${built} spans.`)
  }
  const collectorUs = collections.reduce((total, collection) => total + collection.cost, 0)
  return {
    elapsedMs: elapsedMs / count,
    collectorMs: collectorUs / 1000 / count,
    jsonChars: dumps[0]?.length ?? 0,
  }
}

function timingsOf(samples: readonly Sample[]): Timings {
  return {
    samplesMs: samples.map((sample) => sample.elapsedMs),
    collectorMs: samples.map((sample) => sample.collectorMs),
  }
}

type Way = 'inTurn' | 'alone' | 'large'

const WAYS: readonly Way[] = ['inTurn', 'alone', 'large']

/**
 * Times, in the same rounds, small traces ended in turn (as many as make one large trace), small
 * traces ended alone, and one large trace, the order of the three rotating from round to round so
 * drift in machine load moves every side of a round's ratios alike.
 */
export function measureGrowth(options: GrowthOptions): GrowthResult {
  const { smallSpans, largeSpans, warmupRounds, rounds, smallAlonePerRound } = options
  const smallInTurnCount = Math.round(largeSpans / smallSpans)
  const timeWay = (way: Way): Sample[] => {
    if (way === 'inTurn') return [timeBuilds(smallSpans, smallInTurnCount)]
    if (way === 'alone')
      return Array.from({ length: smallAlonePerRound }, () => timeBuilds(smallSpans, 1))
    return [timeBuilds(largeSpans, 1)]
  }
  const kept: Record<Way, Sample[]> = { inTurn: [], alone: [], large: [] }
  const roundRatios: number[] = []
  const aloneRoundRatios: number[] = []
  for (let round = 0; round < warmupRounds + rounds; round += 1) {
    const timed: Record<Way, Sample[]> = { inTurn: [], alone: [], large: [] }
    WAYS.forEach((_, turn) => {
      const way = WAYS[(round + turn) % WAYS.length] as Way
      timed[way] = timeWay(way)
    })
    if (round < warmupRounds) continue
    for (const way of WAYS) kept[way].push(...timed[way])
    const largeMs = timed.large[0]?.elapsedMs ?? Number.NaN
    roundRatios.push(largeMs / (timed.inTurn[0]?.elapsedMs ?? Number.NaN))
    aloneRoundRatios.push(largeMs / median(timed.alone.map((sample) => sample.elapsedMs)))
  }
  if (isDefaultTokenizerLoaded()) throw new Error('the tree build loaded the tokenizer.')
  return {
    smallSpans,
    largeSpans,
    smallInTurnCount,
    smallInTurn: timingsOf(kept.inTurn),
    smallAlone: timingsOf(kept.alone),
    large: timingsOf(kept.large),
    roundRatios,
    aloneRoundRatios,
    largeJsonChars: kept.large.at(-1)?.jsonChars ?? 0,
  }
}
