import { Settings } from 'llamaindex'
import type { VectorStoreIndex } from 'llamaindex'
import { buildHandbookIndex, useFakeModels } from '../../examples/rag/handbook.js'
import { WandbCallbackHandler } from '../../src/handler.js'
import { attachLlamaIndex } from '../../src/integrations/llamaindex.js'
import { quantile } from '../measure.js'

const QUERIES = 200
const ROUNDS = 7
const QUESTIONS = [
  'How many days do I have to ask for a refund?',
  'When does express shipping arrive?',
  'Is accidental damage covered?',
]

async function runQueries(index: VectorStoreIndex): Promise<number> {
  const engine = index.asQueryEngine()
  const started = performance.now()
  for (let query = 0; query < QUERIES; query += 1) {
    await engine.query({ query: QUESTIONS[query % QUESTIONS.length] ?? '' })
  }
  return performance.now() - started
}

/**
 * 200 queries of the example pipeline, alternately without and with the adapter; the second time
 * includes finishing the handler, so every trace tree is built and counted.
 */
export async function measureAdapterOverhead(): Promise<{
  withoutMs: number
  withMs: number
  spans: number
}> {
  useFakeModels()
  const index = await buildHandbookIndex()
  const without: number[] = []
  const withAdapter: number[] = []
  let spans = 0
  await runQueries(index)
  for (let round = 0; round < ROUNDS; round += 1) {
    without.push(await runQueries(index))
    const handler = new WandbCallbackHandler()
    const detach = attachLlamaIndex(Settings.callbackManager, { target: handler.callbackManager })
    const started = performance.now()
    await runQueries(index)
    await handler.finish()
    spans = handler.traces.reduce((total, trace) => total + trace.stats.spans, 0)
    withAdapter.push(performance.now() - started)
    detach()
  }
  return { withoutMs: quantile(without, 0.5), withMs: quantile(withAdapter, 0.5), spans }
}

const { withoutMs, withMs, spans } = await measureAdapterOverhead()
const ratio = withMs / withoutMs
console.log(
  `LlamaIndex.TS adapter: ${QUERIES} in-process queries of the example pipeline, median of ${ROUNDS} alternating rounds`,
)
console.log(`  without the adapter   ${withoutMs.toFixed(0).padStart(6)} ms`)
console.log(
  `  with the adapter      ${withMs.toFixed(0).padStart(6)} ms   (${spans} spans traced per round)`,
)
console.log(`  ratio ${ratio.toFixed(3)} (target ≤ 1.10) ${ratio <= 1.1 ? 'PASS' : 'FAIL'}`)
