import { CallbackManager, toWandbTraceTree, WandbCallbackHandler } from '../src/index.js'
import { isDefaultTokenizerLoaded } from '../src/trace/token-counter.js'
import { collectGarbage, median } from './measure.js'
import { PAIRS_PER_QUERY, recordQuery } from './mixed-trace.js'

export interface TreeBuildResult {
  readonly spans: number
  readonly samplesMs: readonly number[]
  readonly medianMs: number
  /** Length of the root span's JSON string. */
  readonly jsonChars: number
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

export function measureTreeBuild(spans: number, warmupRuns: number, runs: number): TreeBuildResult {
  for (let run = 0; run < warmupRuns; run += 1) timeOneBuild(spans)
  const samples = Array.from({ length: runs }, () => timeOneBuild(spans))
  if (isDefaultTokenizerLoaded()) throw new Error('the tree build loaded the tokenizer.')
  const samplesMs = samples.map((sample) => sample.elapsedMs)
  return { spans, samplesMs, medianMs: median(samplesMs), jsonChars: samples[0]?.jsonChars ?? 0 }
}
