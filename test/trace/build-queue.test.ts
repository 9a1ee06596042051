import { describe, expect, it } from 'vitest'
import { CallbackManager } from '../../src/callbacks/callback-manager.js'
import { epochMs } from '../../src/events/cb-event.js'
import { CBEventType, EventPayload } from '../../src/events/index.js'
import { WandbCallbackHandler } from '../../src/handler.js'
import { BuildQueue, MAX_PENDING_BUILDS } from '../../src/trace/build-queue.js'
import type { TraceTree } from '../../src/trace/span.js'
import type { TraceSink } from '../../src/trace/trace-sink.js'
import { captureWarnings } from '../support/warnings.js'

const warnings = captureWarnings()

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

class ListSink implements TraceSink {
  readonly exported: string[] = []
  export(trace: TraceTree): void {
    this.exported.push(trace.traceId)
  }
  async shutdown(): Promise<void> {}
}

function endOneTrace(cm: CallbackManager, traceId: string): void {
  cm.startTrace(traceId)
  const id = cm.onEventStart(CBEventType.QUERY, { [EventPayload.QUERY_STR]: traceId })
  cm.onEventEnd(CBEventType.QUERY, { [EventPayload.RESPONSE]: 'r' }, id)
  cm.endTrace()
}

describe('BuildQueue', () => {
  it('runs builds after the current turn, oldest first, once each', async () => {
    const queue = new BuildQueue()
    const ran: number[] = []
    queue.add(() => ran.push(1))
    queue.add(() => ran.push(2))
    expect(ran).toEqual([])
    await nextTurn()
    expect(ran).toEqual([1, 2])
    queue.runPending()
    await nextTurn()
    expect(ran).toEqual([1, 2])
  })

  it('runs what is pending at once when asked, and what a build adds too', () => {
    const queue = new BuildQueue()
    const ran: string[] = []
    queue.add(() => {
      ran.push('first')
      queue.add(() => ran.push('added by first'))
    })
    queue.runPending()
    expect(ran).toEqual(['first', 'added by first'])
  })

  it(`holds at most ${MAX_PENDING_BUILDS} builds before running them without waiting`, () => {
    const queue = new BuildQueue()
    let ran = 0
    for (let build = 0; build < MAX_PENDING_BUILDS * 3; build += 1) {
      queue.add(() => (ran += 1))
      expect(build + 1 - ran).toBeLessThan(MAX_PENDING_BUILDS)
    }
    expect(ran).toBe(MAX_PENDING_BUILDS * 3)
  })
})

describe('WandbCallbackHandler builds ended traces after the turn', () => {
  it('hands a tree to the sinks on the next turn, with nothing reading it, not inside the pipeline', async () => {
    const sink = new ListSink()
    const handler = new WandbCallbackHandler({ sinks: [sink] })
    endOneTrace(handler.callbackManager, 'query-1')
    expect(sink.exported).toEqual([])
    await nextTurn()
    expect(sink.exported).toEqual(['query-1'])
  })

  it('builds pending trees when handler.traces is read, in the order the traces ended', () => {
    const sink = new ListSink()
    const handler = new WandbCallbackHandler({ sinks: [sink] })
    for (const traceId of ['a', 'b', 'c']) endOneTrace(handler.callbackManager, traceId)
    expect(handler.traces.map((trace) => trace.traceId)).toEqual(['a', 'b', 'c'])
    expect(sink.exported).toEqual(['a', 'b', 'c'])
  })

  it("builds every handler's pending trees on any handler's finish, so a shared run gets them all", async () => {
    const firstSink = new ListSink()
    const secondSink = new ListSink()
    const first = new WandbCallbackHandler({ sinks: [firstSink] })
    const second = new WandbCallbackHandler({ sinks: [secondSink] })
    endOneTrace(first.callbackManager, 'first')
    endOneTrace(second.callbackManager, 'second')
    await first.finish()
    expect(firstSink.exported).toEqual(['first'])
    expect(secondSink.exported).toEqual(['second'])
  })

  it('closes spans left open at the time the trace ended, not the time it was built', async () => {
    const handler = new WandbCallbackHandler()
    const cm = handler.callbackManager
    cm.startTrace('left-open')
    cm.onEventStart(CBEventType.RETRIEVE, { [EventPayload.QUERY_STR]: 'q' })
    cm.endTrace()
    const endedAt = epochMs()
    await new Promise((resolve) => setTimeout(resolve, 30))
    const root = handler.traces[0]?.rootSpan
    expect(root?.status_code).toBe('ERROR')
    expect(root?.end_time_ms).toBeLessThanOrEqual(endedAt)
  })

  it('a sink that throws while the turn-end build runs costs one warning, never an uncaught error', async () => {
    const kept = new ListSink()
    const throwing: TraceSink = {
      export: () => {
        throw new Error('sink down')
      },
      shutdown: async () => {},
    }
    const handler = new WandbCallbackHandler({ sinks: [throwing, kept] })
    endOneTrace(handler.callbackManager, 'survives')
    await nextTurn()
    expect(kept.exported).toEqual(['survives'])
    expect(warnings).toEqual([
      expect.stringContaining('a trace sink failed to take trace survives: Error: sink down'),
    ])
  })

  it('a sink that reads handler.traces while trees are being built gets each tree once', async () => {
    const seen: string[][] = []
    const handler: WandbCallbackHandler = new WandbCallbackHandler({
      sinks: [
        {
          export: () => void seen.push(handler.traces.map((trace) => trace.traceId)),
          shutdown: async () => {},
        },
      ],
    })
    for (const traceId of ['a', 'b']) endOneTrace(handler.callbackManager, traceId)
    await nextTurn()
    expect(seen).toEqual([['a'], ['a', 'b']])
  })
})
