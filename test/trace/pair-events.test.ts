import { describe, expect, it } from 'vitest'
import { pairEvents } from '../../src/trace/pair-events.js'
import { endOf, startOf } from '../support/events.js'

describe('pairEvents', () => {
  it('pairs each start with the end of the same id, in start order', () => {
    const query = startOf('query', 'q')
    const llm = startOf('llm', 'l')
    const llmEnd = endOf('llm', 'l')
    const queryEnd = endOf('query', 'q')
    const paired = pairEvents([query, llm, llmEnd, queryEnd])
    expect(paired.pairs).toEqual([
      { key: 'q', start: query, end: queryEnd, duplicateOf: undefined },
      { key: 'l', start: llm, end: llmEnd, duplicateOf: undefined },
    ])
    expect(Object.fromEntries(paired.firstById)).toEqual({ q: 0, l: 1 })
    expect(paired.unmatchedEndCount).toBe(0)
  })

  it('pairs by id, not by order of arrival', () => {
    const paired = pairEvents([
      startOf('retrieve', 'a'),
      startOf('retrieve', 'b'),
      endOf('retrieve', 'a', { payload: { which: 'a' } }),
      endOf('retrieve', 'b', { payload: { which: 'b' } }),
    ])
    expect(paired.pairs.map((pair) => [pair.key, pair.end?.payload])).toEqual([
      ['a', { which: 'a' }],
      ['b', { which: 'b' }],
    ])
  })

  it('leaves a start without an end open', () => {
    const paired = pairEvents([startOf('query', 'q'), startOf('llm', 'l'), endOf('query', 'q')])
    expect(paired.pairs.map((pair) => [pair.key, pair.end === undefined])).toEqual([
      ['q', false],
      ['l', true],
    ])
  })

  it('gives a repeated id a pair of its own and ends the latest open one first', () => {
    const paired = pairEvents([
      startOf('query', 'x'),
      startOf('llm', 'x'),
      endOf('llm', 'x', { payload: { inner: true } }),
      endOf('query', 'x', { payload: { outer: true } }),
      startOf('llm', 'x'),
    ])
    expect(paired.pairs.map((pair) => [pair.key, pair.duplicateOf, pair.end?.payload])).toEqual([
      ['x', undefined, { outer: true }],
      ['x#2', 'x', { inner: true }],
      ['x#3', 'x', undefined],
    ])
    expect(paired.firstById.get('x')).toBe(0)
  })

  it('counts ends that match no open start and lists their ids', () => {
    const paired = pairEvents([
      endOf('llm', 'ghost'),
      startOf('query', 'q'),
      endOf('query', 'q'),
      endOf('query', 'q'),
    ])
    expect(paired.pairs).toHaveLength(1)
    expect(paired.unmatchedEndCount).toBe(2)
    expect(paired.unmatchedEndIds).toEqual(['ghost', 'q'])
  })

  it('lists at most twenty unmatched ids but counts them all', () => {
    const ends = Array.from({ length: 25 }, (_, index) => endOf('llm', `e${index}`))
    const paired = pairEvents(ends)
    expect(paired.unmatchedEndCount).toBe(25)
    expect(paired.unmatchedEndIds).toHaveLength(20)
    expect(paired.unmatchedEndIds[0]).toBe('e0')
  })
})
