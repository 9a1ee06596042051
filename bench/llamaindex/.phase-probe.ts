import { Settings } from 'llamaindex'
import type { VectorStoreIndex } from 'llamaindex'
import { buildHandbookIndex, useFakeModels } from '../../examples/rag/handbook.js'
import { WandbCallbackHandler } from '../../src/handler.js'
import { attachLlamaIndex } from '../../src/integrations/llamaindex.js'
import { quantile } from '../measure.js'
import { ADAPTER_EVENT_NAMES } from '../../src/integrations/llamaindex/event-names.js'
function attachments(): Map<unknown, unknown> {
  return ((globalThis as any)[Symbol.for('vitest-wandb.llamaindex-attachments')] ??= new Map())
}

const QUESTIONS = [
  'How many days do I have to ask for a refund?',
  'When does express shipping arrive?',
  'Is accidental damage covered?',
]
async function run(index: VectorStoreIndex): Promise<number> {
  const engine = index.asQueryEngine()
  const t = performance.now()
  for (let q = 0; q < 200; q += 1) await engine.query({ query: QUESTIONS[q % 3] ?? '' })
  return performance.now() - t
}
useFakeModels()
const index = await buildHandbookIndex()
await run(index)
const w: number[] = [],
  a: number[] = [],
  f: number[] = []
const rounds = Number(process.env.ROUNDS ?? 15)
for (let r = 0; r < rounds; r += 1) {
  w.push(await run(index))
  const handler = new WandbCallbackHandler()
  const mode = process.env.MODE ?? 'adapter'
  let detach: () => void
  if (mode === 'noop') {
    const noop = () => {}
    for (const name of ADAPTER_EVENT_NAMES) Settings.callbackManager.on(name as 'llm-start', noop)
    attachments().set(Settings.callbackManager as never, new Map())
    detach = () => {
      for (const name of ADAPTER_EVENT_NAMES)
        Settings.callbackManager.off(name as 'llm-start', noop)
      attachments().delete(Settings.callbackManager as never)
    }
  } else if (mode === 'null-target') {
    let n = 0
    detach = attachLlamaIndex(Settings.callbackManager, {
      target: { onEventStart: () => `id${n++}`, onEventEnd: () => {} },
    })
  } else if (mode === 'handler-direct') {
    detach = attachLlamaIndex(Settings.callbackManager, { target: handler })
  } else detach = attachLlamaIndex(Settings.callbackManager, { target: handler.callbackManager })
  a.push(await run(index))
  const t = performance.now()
  await handler.finish()
  f.push(performance.now() - t)
  detach()
}
const m = (x: number[]) => quantile(x, 0.5).toFixed(1)
console.log(
  `without ${m(w)}  queries-with ${m(a)}  finish ${m(f)}  ratio ${((quantile(a, 0.5) + quantile(f, 0.5)) / quantile(w, 0.5)).toFixed(3)}`,
)
