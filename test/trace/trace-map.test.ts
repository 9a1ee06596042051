import { describe, expect, it } from 'vitest'
import { parentsFromTraceMap, ROOT_PARENT_ID, toTraceMap } from '../../src/trace/trace-map.js'

describe('toTraceMap', () => {
  it('keeps a Map as it is', () => {
    const map = new Map([[ROOT_PARENT_ID, ['a']]])
    expect(toTraceMap(map)).toBe(map)
  })

  it('turns a plain object (the seed dict) into a Map of its list entries', () => {
    const map = toTraceMap({ root: ['a'], a: ['b', 'c'], bad: 'x' as unknown as string[] })
    expect(map).toBeInstanceOf(Map)
    expect([...(map ?? [])]).toEqual([
      ['root', ['a']],
      ['a', ['b', 'c']],
    ])
  })

  it('gives undefined for nothing', () => {
    expect(toTraceMap(undefined)).toBeUndefined()
    expect(toTraceMap(null as unknown as undefined)).toBeUndefined()
  })
})

describe('parentsFromTraceMap', () => {
  it('maps each child to its parent', () => {
    const parents = parentsFromTraceMap(
      new Map([
        ['root', ['a']],
        ['a', ['b', 'c']],
        ['c', ['d']],
      ]),
    )
    expect(Object.fromEntries(parents)).toEqual({ a: 'root', b: 'a', c: 'a', d: 'c' })
  })

  it('keeps the first parent listed and skips what is not an id', () => {
    const parents = parentsFromTraceMap(
      new Map<string, readonly string[]>([
        ['root', ['a']],
        ['b', ['a', 42 as unknown as string]],
        ['c', 'nope' as unknown as string[]],
      ]),
    )
    expect(Object.fromEntries(parents)).toEqual({ a: 'root' })
  })
})
