import { Settings } from 'llamaindex'
import type { VectorStoreIndex } from 'llamaindex'
import { buildHandbookIndex, useFakeModels } from '../../examples/rag/handbook.js'
import { WandbCallbackHandler } from '../../src/handler.js'
import { attachLlamaIndex } from '../../src/integrations/llamaindex.js'
import { quantile } from '../measure.js'

const QUERIES = 200
const BATCH = 20
const ROUNDS = 7
const QUESTIONS = [
  'How many days do I have to ask for a refund?',
  'When does express shipping arrive?',
  'Is accidental damage covered?',
]

async function runQueries(index: VectorStoreIndex, count: number): Promise<number> {
  const engine = index.asQueryEngine()
  const started = performance.now()
  for (let query = 0; query < count; query += 1) {
    await engine.query({ query: QUESTIONS[query % QUESTIONS.length] ?? '' })
  }
  return performance.now() - started
}

interface TracedBatch {
  readonly ms: number
  readonly spans: number
}

/** Queries with the adapter attached, including finishing the handler, so every tree is built. */
async function runTracedQueries(index: VectorStoreIndex, count: number): Promise<TracedBatch> {
  const handler = new WandbCallbackHandler()
  const detach = attachLlamaIndex(Settings.callbackManager, { target: handler.callbackManager })
  const started = performance.now()
  await runQueries(index, count)
  await handler.finish()
  const ms = performance.now() - started
  detach()
  return { ms, spans: handler.traces.reduce((total, trace) => total + trace.stats.spans, 0) }
}

export interface AdapterOverhead {
  /** Median over rounds of the 200 plain queries' time. */
  readonly withoutMs: number
  /** Median over rounds of the 200 traced queries' time. */
  readonly withMs: number
  /** Median over rounds of each round's traced time over its plain time. */
  readonly ratio: number
  readonly spans: number
  /** The first traced batch over the first plain one: building the tokenizer, once per process. */
  readonly firstBatchExtraMs: number
}

/**
 * Each round runs 200 queries of the example pipeline without the adapter and 200 with it, in
 * batches of 20 that alternate (plain, traced, traced, plain, …), so a slower stretch of the
 * machine falls on both alike. Both arms run once before the rounds; what the first traced batch
 * costs on top (the tokenizer, built once per process for an LLM that reports no usage) is reported apart.
 */
export async function measureAdapterOverhead(): Promise<AdapterOverhead> {
  useFakeModels()
  const index = await buildHandbookIndex()
  const firstPlainMs = await runQueries(index, BATCH)
  const firstTraced = await runTracedQueries(index, BATCH)
  await runQueries(index, QUERIES)
  await runTracedQueries(index, QUERIES)
  const without: number[] = []
  const withAdapter: number[] = []
  const ratios: number[] = []
  let spans = 0
  for (let round = 0; round < ROUNDS; round += 1) {
    let plainMs = 0
    let tracedMs = 0
    spans = 0
    for (let batch = 0; batch < QUERIES / BATCH; batch += 1) {
      const tracedFirst = batch % 2 === 1
      if (!tracedFirst) plainMs += await runQueries(index, BATCH)
      const traced = await runTracedQueries(index, BATCH)
      tracedMs += traced.ms
      spans += traced.spans
      if (tracedFirst) plainMs += await runQueries(index, BATCH)
    }
    without.push(plainMs)
    withAdapter.push(tracedMs)
    ratios.push(tracedMs / plainMs)
  }
  return {
    withoutMs: quantile(without, 0.5),
    withMs: quantile(withAdapter, 0.5),
    ratio: quantile(ratios, 0.5),
    spans,
    firstBatchExtraMs: firstTraced.ms - firstPlainMs,
  }
}

const result = await measureAdapterOverhead()
console.log(
  `LlamaIndex.TS adapter: ${QUERIES} in-process queries of the example pipeline per arm and round, in alternating batches of ${BATCH}; median of ${ROUNDS} rounds`,
)
console.log(`  without the adapter   ${result.withoutMs.toFixed(0).padStart(6)} ms`)
console.log(
  `  with the adapter      ${result.withMs.toFixed(0).padStart(6)} ms   (${result.spans} spans traced per round)`,
)
console.log(
  `  ratio ${result.ratio.toFixed(3)} (target ≤ 1.10) ${result.ratio <= 1.1 ? 'PASS' : 'FAIL'}`,
)
console.log(
  `  once per process: the first traced batch took ${result.firstBatchExtraMs.toFixed(0)} ms more than the first plain one (tokenizer build)`,
)
