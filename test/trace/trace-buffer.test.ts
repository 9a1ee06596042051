import { describe, expect, it } from 'vitest'
import { TraceBuffer } from '../../src/trace/trace-buffer.js'
import { endOf, startOf } from '../support/events.js'

describe('TraceBuffer', () => {
  it('keeps events in arrival order', () => {
    const buffer = new TraceBuffer('t', 1, 10)
    const events = [
      startOf('query', 'a'),
      startOf('llm', 'b'),
      endOf('llm', 'b'),
      endOf('query', 'a'),
    ]
    for (const event of events) buffer.add(event)
    expect(buffer.events).toEqual(events)
    expect(buffer.droppedSpans).toBe(0)
    expect(buffer.traceId).toBe('t')
    expect(buffer.startMs).toBe(1)
  })

  it('counts starts over the span limit and drops their ends too', () => {
    const buffer = new TraceBuffer('t', 0, 2)
    for (const id of ['a', 'b', 'c', 'd']) buffer.add(startOf('llm', id))
    for (const id of ['a', 'b', 'c', 'd']) buffer.add(endOf('llm', id))
    expect(buffer.droppedSpans).toBe(2)
    expect(buffer.events.map((event) => `${event.phase}:${event.id}`)).toEqual([
      'start:a',
      'start:b',
      'end:a',
      'end:b',
    ])
  })

  it('keeps ends that match no start so they can be reported', () => {
    const buffer = new TraceBuffer('t', 0, 1)
    buffer.add(endOf('llm', 'ghost'))
    expect(buffer.events.map((event) => event.id)).toEqual(['ghost'])
  })
})
