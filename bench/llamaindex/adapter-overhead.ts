import { Settings } from 'llamaindex'
import type { VectorStoreIndex } from 'llamaindex'
import { buildHandbookIndex, useFakeModels } from '../../examples/rag/handbook.js'
import { CallbackManager } from '../../src/callbacks/callback-manager.js'
import { WandbCallbackHandler } from '../../src/handler.js'
import { attachLlamaIndex } from '../../src/integrations/llamaindex.js'
import { ADAPTER_EVENT_NAMES } from '../../src/integrations/llamaindex/event-names.js'
import type {
  LlamaIndexCallbackManager,
  SpanTarget,
} from '../../src/integrations/llamaindex/llamaindex-types.js'
import { median } from '../measure.js'

const QUERIES = 200
const BATCH = 20
const ROUNDS = 11
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

interface Batch {
  readonly ms: number
  readonly spans: number
}

/** One way of running a batch of queries: plain, or with some of the tracing path in place. */
interface Arm {
  readonly name: string
  run(index: VectorStoreIndex, count: number): Promise<Batch>
}

const plain: Arm = {
  name: 'without the adapter',
  run: async (index, count) => ({ ms: await runQueries(index, count), spans: 0 }),
}

// The part of the cost that is LlamaIndex.TS's own: it makes and dispatches an event object for
// each event only while a listener is subscribed to it.
const noOpListeners: Arm = {
  name: 'LlamaIndex listeners that do nothing',
  async run(index, count) {
    const manager: LlamaIndexCallbackManager = Settings.callbackManager
    const listener = (): void => {}
    for (const name of ADAPTER_EVENT_NAMES) manager.on(name, listener)
    const ms = await runQueries(index, count)
    for (const name of ADAPTER_EVENT_NAMES) manager.off(name, listener)
    return { ms, spans: 0 }
  },
}

// The adapter's mapping and nesting, with spans handed to a target that keeps nothing.
const adapterOnly: Arm = {
  name: 'the adapter, into a target that keeps nothing',
  async run(index, count) {
    let spans = 0
    const target: SpanTarget = {
      onEventStart: () => `span-${(spans += 1)}`,
      onEventEnd: () => {},
    }
    const detach = attachLlamaIndex(Settings.callbackManager, { target })
    const ms = await runQueries(index, count)
    detach()
    return { ms, spans }
  },
}

// The CallbackManager's ids, parents and trace scopes on top, with no handler to record anything.
const managerOnly: Arm = {
  name: 'the adapter, into a CallbackManager with no handler',
  async run(index, count) {
    const detach = attachLlamaIndex(Settings.callbackManager, { target: new CallbackManager() })
    const ms = await runQueries(index, count)
    detach()
    return { ms, spans: 0 }
  },
}

/** Queries with the adapter attached, including finishing the handler, so every tree is built. */
const traced: Arm = {
  name: 'with the adapter',
  async run(index, count) {
    const handler = new WandbCallbackHandler()
    const detach = attachLlamaIndex(Settings.callbackManager, { target: handler.callbackManager })
    const started = performance.now()
    await runQueries(index, count)
    await handler.finish()
    const ms = performance.now() - started
    detach()
    return { ms, spans: handler.traces.reduce((total, trace) => total + trace.stats.spans, 0) }
  },
}

const ARMS = [plain, noOpListeners, adapterOnly, managerOnly, traced]

export interface ArmResult {
  readonly name: string
  /** Median over rounds of the arm's time for the 200 queries. */
  readonly medianMs: number
  /** Median over rounds of the arm's time over the plain time of the same round. */
  readonly ratio: number
  /** Spans traced per round. */
  readonly spans: number
}

export interface AdapterOverhead {
  readonly queries: number
  readonly batch: number
  readonly rounds: number
  readonly arms: readonly ArmResult[]
  /** The first traced batch over the first plain one: building the tokenizer, once per process. */
  readonly firstBatchExtraMs: number
}

/**
 * Each round runs the 200 queries of the example pipeline once per arm, in batches of 20; within a
 * batch the arms take turns, the order rotating from batch to batch, so a slower stretch of the
 * machine falls on every arm alike. Every arm runs once before the rounds; what the first traced
 * batch costs on top (the tokenizer, built once per process for an LLM that reports no usage) is
 * reported apart.
 */
export async function measureAdapterOverhead(): Promise<AdapterOverhead> {
  useFakeModels()
  const index = await buildHandbookIndex()
  const firstPlain = await plain.run(index, BATCH)
  const firstTraced = await traced.run(index, BATCH)
  for (const arm of ARMS) await arm.run(index, QUERIES)
  const roundMs = ARMS.map(() => [] as number[])
  const roundRatios = ARMS.map(() => [] as number[])
  const spans = ARMS.map(() => 0)
  for (let round = 0; round < ROUNDS; round += 1) {
    const totals = ARMS.map(() => 0)
    spans.fill(0)
    for (let batch = 0; batch < QUERIES / BATCH; batch += 1) {
      for (let turn = 0; turn < ARMS.length; turn += 1) {
        const at = (batch + turn) % ARMS.length
        const result = await (ARMS[at] as Arm).run(index, BATCH)
        totals[at] = (totals[at] as number) + result.ms
        spans[at] = (spans[at] as number) + result.spans
      }
    }
    totals.forEach((ms, at) => {
      roundMs[at]?.push(ms)
      roundRatios[at]?.push(ms / (totals[0] as number))
    })
  }
  return {
    queries: QUERIES,
    batch: BATCH,
    rounds: ROUNDS,
    arms: ARMS.map((arm, at) => ({
      name: arm.name,
      medianMs: median(roundMs[at] ?? []),
      ratio: median(roundRatios[at] ?? []),
      spans: spans[at] as number,
    })),
    firstBatchExtraMs: firstTraced.ms - firstPlain.ms,
  }
}
