import { describe, expect, it } from 'vitest'
import type { CBEvent } from '../../src/events/cb-event.js'
import { pairEvents } from '../../src/trace/pair-events.js'
import { restatesParents } from '../../src/trace/restated-parents.js'
import { toTraceMap } from '../../src/trace/trace-map.js'
import type { TraceMapInput } from '../../src/trace/trace-map.js'
import { endOf, startOf } from '../support/events.js'

// query q → retrieve r, synthesize s → llm l, each started under the event open around it.
const STARTS: readonly CBEvent[] = [
  startOf('query', 'q'),
  startOf('retrieve', 'r', { parentId: 'q' }),
  endOf('retrieve', 'r'),
  startOf('synthesize', 's', { parentId: 'q' }),
  startOf('llm', 'l', { parentId: 's' }),
]

// Listings are written as the seed's plain dict and read as the handler reads them.
function restates(traceMap: TraceMapInput, events: readonly CBEvent[] = STARTS): boolean {
  return restatesParents(toTraceMap(traceMap) ?? new Map(), pairEvents(events))
}

describe('restatesParents', () => {
  it('is true for a map listing each start once, under the parent it came with, in start order', () => {
    const map = { root: ['q'], q: ['r', 's'], s: ['l'] }
    expect(restates(map)).toBe(true)
  })

  it('is true when starts that came without a parent are listed under root', () => {
    const events = [startOf('query', 'a'), startOf('query', 'b')]
    expect(restates({ root: ['a', 'b'] }, events)).toBe(true)
  })

  it('is false when the map puts a start under another parent', () => {
    const map = { root: ['q'], q: ['r'], r: ['s'], s: ['l'] }
    expect(restates(map)).toBe(false)
  })

  it('is false when the map lists children out of start order', () => {
    const map = { root: ['q'], q: ['s', 'r'], s: ['l'] }
    expect(restates(map)).toBe(false)
  })

  it('is false when the map lists an id that was not recorded, or leaves a start out', () => {
    const extra = { root: ['q'], q: ['r', 'ignored', 's'], s: ['l'] }
    const missing = { root: ['q'], q: ['r', 's'] }
    expect(restates(extra)).toBe(false)
    expect(restates(missing)).toBe(false)
  })

  it('is false when an id was started twice', () => {
    const events = [
      startOf('query', 'q'),
      startOf('llm', 'x', { parentId: 'q' }),
      startOf('llm', 'x', { parentId: 'q' }),
    ]
    const map = { root: ['q'], q: ['x', 'x'] }
    expect(restates(map, events)).toBe(false)
  })

  it('is false for anything but a plain Map, and for lists that are not arrays', () => {
    class LoggingMap<K, V> extends Map<K, V> {}
    const subclassed = new LoggingMap([
      ['root', ['q']],
      ['q', ['r', 's']],
      ['s', ['l']],
    ])
    const notArrays = new Map<string, readonly string[]>([
      ['root', ['q']],
      ['q', 'rs' as unknown as readonly string[]],
      ['s', ['l']],
    ])
    expect(restates(subclassed)).toBe(false)
    expect(restates(notArrays)).toBe(false)
  })

  it('is false, without throwing, for a map whose reads throw', () => {
    const hostile = new Map([['root', ['q']]])
    hostile.values = () => {
      throw new Error('no')
    }
    expect(restates(hostile)).toBe(false)
  })
})
