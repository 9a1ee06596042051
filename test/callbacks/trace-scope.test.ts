import { describe, expect, it } from 'vitest'
import { MAX_MAPPED_EVENTS_PER_TRACE, TraceScope } from '../../src/callbacks/trace-scope.js'

function mapOf(scope: TraceScope): Record<string, readonly string[]> {
  return Object.fromEntries(scope.traceMap)
}

describe('TraceScope', () => {
  it('has a key unique to each instance, even for the same trace id', () => {
    const first = new TraceScope('query', false)
    const second = new TraceScope('query', true)
    expect(first.key).not.toBe(second.key)
    expect(first.key.startsWith('query#')).toBe(true)
    expect(first.traceId).toBe('query')
    expect([first.implicit, second.implicit]).toEqual([false, true])
    expect(first.depth).toBe(1)
  })

  it('maps each start under its parent, or under root', () => {
    const scope = new TraceScope('t', false)
    expect(scope.start('q', undefined)).toBe('q')
    expect(scope.start('r', 'q')).toBe('r')
    expect(scope.start('s', 'q')).toBe('s')
    expect(scope.start('l', 's')).toBe('l')
    expect(mapOf(scope)).toEqual({ root: ['q'], q: ['r', 's'], s: ['l'] })
  })

  it('renames a repeated id and resolves ends to the latest open one', () => {
    const scope = new TraceScope('t', false)
    scope.start('x', undefined)
    expect(scope.start('x', 'x')).toBe('x#2')
    expect(scope.resolve('x')).toBe('x#2')
    expect(scope.start('child', 'x')).toBe('child')
    expect(mapOf(scope)).toEqual({ root: ['x'], x: ['x#2'], 'x#2': ['child'] })
    scope.end('x#2')
    expect(scope.resolve('x')).toBe('x')
    expect(scope.start('x', undefined)).toBe('x#3')
    expect(scope.resolve(undefined)).toBeUndefined()
  })

  it('says when no event is left open', () => {
    const scope = new TraceScope('t', true)
    scope.start('a', undefined)
    scope.start('b', 'a')
    expect(scope.end('b')).toBe(false)
    expect(scope.end('a')).toBe(true)
  })

  it('stops mapping past the per-trace limit but keeps tracking events', () => {
    const scope = new TraceScope('t', false)
    for (let index = 0; index <= MAX_MAPPED_EVENTS_PER_TRACE; index += 1) {
      scope.start(`e${index}`, undefined)
    }
    expect(scope.traceMap.get('root')).toHaveLength(MAX_MAPPED_EVENTS_PER_TRACE)
    expect(scope.resolve(`e${MAX_MAPPED_EVENTS_PER_TRACE}`)).toBe(`e${MAX_MAPPED_EVENTS_PER_TRACE}`)
    expect(scope.end('e0')).toBe(false)
  })
})
