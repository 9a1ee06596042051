import { describe, expect, it } from 'vitest'
import { emptyStats } from '../../src/trace/span.js'
import type { TraceTree } from '../../src/trace/span.js'
import { DEFAULT_KEPT_TRACES, InMemoryTraceSink } from '../../src/trace/trace-sink.js'

function trace(traceId: string): TraceTree {
  return {
    traceId,
    stats: emptyStats(),
    rootSpan: {
      span_id: traceId,
      name: traceId,
      start_time_ms: 0,
      end_time_ms: 0,
      status_code: 'SUCCESS',
      status_message: null,
      attributes: null,
      results: null,
      child_spans: null,
      span_kind: null,
    },
  }
}

describe('InMemoryTraceSink', () => {
  it('keeps exported traces in order', () => {
    const sink = new InMemoryTraceSink()
    sink.export(trace('a'))
    sink.export(trace('b'))
    expect(sink.traces.map((each) => each.traceId)).toEqual(['a', 'b'])
    expect(sink.dropped).toBe(0)
  })

  it('keeps the newest traces up to its capacity and counts the rest', () => {
    const sink = new InMemoryTraceSink(2)
    for (const id of ['a', 'b', 'c', 'd']) sink.export(trace(id))
    expect(sink.traces.map((each) => each.traceId)).toEqual(['c', 'd'])
    expect(sink.dropped).toBe(2)
  })

  it('keeps a thousand traces by default', () => {
    const sink = new InMemoryTraceSink()
    for (let index = 0; index <= DEFAULT_KEPT_TRACES; index += 1) sink.export(trace(`t${index}`))
    expect(DEFAULT_KEPT_TRACES).toBe(1000)
    expect(sink.traces).toHaveLength(1000)
    expect(sink.traces[0]?.traceId).toBe('t1')
    expect(sink.dropped).toBe(1)
  })

  it('forgets everything on reset and shuts down more than once', async () => {
    const sink = new InMemoryTraceSink(1)
    sink.export(trace('a'))
    sink.export(trace('b'))
    sink.reset()
    expect(sink.traces).toEqual([])
    expect(sink.dropped).toBe(0)
    await expect(sink.shutdown()).resolves.toBeUndefined()
    await expect(sink.shutdown()).resolves.toBeUndefined()
  })
})
