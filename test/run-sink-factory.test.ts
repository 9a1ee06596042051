import { describe, expect, it } from 'vitest'
import { CallbackManager } from '../src/callbacks/callback-manager.js'
import { CBEventType } from '../src/events/index.js'
import { WandbCallbackHandler } from '../src/handler.js'
import type { TraceTree } from '../src/trace/span.js'
import type { WandbRunArgs } from '../src/sinks/wandb-trace-sink.js'

// This file imports the handler module alone, as a Vitest worker does: the W&B run sink comes only
// with the package's main entry, whose handler passes it in.
describe('runArgs and the run sink', () => {
  it('names the entry to import when no run sink was given', () => {
    expect(() => new WandbCallbackHandler({ runArgs: { project: 'p' } })).toThrowError(
      "runArgs needs the W&B client, which comes with the package's main entry: import WandbCallbackHandler from 'vitest-wandb'.",
    )
  })

  it('opens the run sink it was given with the runArgs given and logs each finished trace into it', async () => {
    const opened: WandbRunArgs[] = []
    const exported: TraceTree[] = []
    const runArgs: WandbRunArgs = { project: 'rag-evals', mode: 'offline' }
    const handler = new WandbCallbackHandler({ runArgs }, (args) => {
      opened.push(args)
      return {
        export: (trace) => void exported.push(trace),
        forceFlush: async () => {},
        shutdown: async () => {},
      }
    })
    const cm = new CallbackManager([handler])
    cm.startTrace('one')
    cm.onEventEnd(CBEventType.QUERY, {}, cm.onEventStart(CBEventType.QUERY, { query_str: 'q' }))
    cm.endTrace()
    await handler.finish()
    expect(opened).toEqual([runArgs])
    expect(exported.map((trace) => trace.traceId)).toEqual(['one'])
  })
})
