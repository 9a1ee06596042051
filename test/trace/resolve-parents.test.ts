import { describe, expect, it } from 'vitest'
import type { CBEvent } from '../../src/events/cb-event.js'
import { pairEvents } from '../../src/trace/pair-events.js'
import { resolveParents } from '../../src/trace/resolve-parents.js'
import { startOf } from '../support/events.js'

function resolve(
  starts: readonly CBEvent[],
  mapParents: Record<string, string> = {},
  maxDepth = 100,
): { parents: number[]; notes: Record<number, string> } {
  const links = resolveParents(pairEvents(starts), new Map(Object.entries(mapParents)), maxDepth)
  return { parents: [...links.parentIndex], notes: Object.fromEntries(links.notes) }
}

describe('resolveParents', () => {
  it('uses the parent id each event was started with', () => {
    const { parents, notes } = resolve([
      startOf('query', 'q'),
      startOf('retrieve', 'r', { parentId: 'q' }),
      startOf('llm', 'l', { parentId: 'r' }),
    ])
    expect(parents).toEqual([-1, 0, 1])
    expect(notes).toEqual({})
  })

  it('prefers the trace map over the parent id', () => {
    const { parents } = resolve(
      [startOf('query', 'q'), startOf('synthesize', 's'), startOf('llm', 'l', { parentId: 'q' })],
      { q: 'root', s: 'q', l: 's' },
    )
    expect(parents).toEqual([-1, 0, 1])
  })

  it('skips over parents that were never recorded (ignored starts)', () => {
    const { parents, notes } = resolve([startOf('query', 'q'), startOf('llm', 'l')], {
      q: 'root',
      ignored: 'q',
      l: 'ignored',
    })
    expect(parents).toEqual([-1, 0])
    expect(notes).toEqual({})
  })

  it('puts an event whose parent is unknown at the top level, with a note', () => {
    const { parents, notes } = resolve([
      startOf('query', 'q'),
      startOf('llm', 'l', { parentId: 'missing' }),
    ])
    expect(parents).toEqual([-1, -1])
    expect(notes).toEqual({ 1: 'parent_not_found' })
  })

  it('puts a self-parented event at the top level, with a note', () => {
    const { parents, notes } = resolve([startOf('query', 'q', { parentId: 'q' })])
    expect(parents).toEqual([-1])
    expect(notes).toEqual({ 0: 'self_parent' })
  })

  it('breaks a cycle between recorded events', () => {
    const { parents, notes } = resolve([
      startOf('query', 'a', { parentId: 'b' }),
      startOf('llm', 'b', { parentId: 'a' }),
    ])
    expect(parents.filter((parent) => parent === -1)).toHaveLength(1)
    expect(Object.values(notes)).toEqual(['parent_cycle'])
    expect(parents).toEqual([1, -1])
  })

  it('breaks a cycle in the trace map between events that were not recorded', () => {
    const { parents, notes } = resolve([startOf('llm', 'l')], { l: 'x', x: 'y', y: 'x' })
    expect(parents).toEqual([-1])
    expect(notes).toEqual({ 0: 'parent_cycle' })
  })

  it('flattens nesting deeper than the limit', () => {
    const chain = ['a', 'b', 'c', 'd', 'e'].map((id, index, ids) =>
      startOf('tree', id, index === 0 ? {} : { parentId: ids[index - 1] as string }),
    )
    const { parents, notes } = resolve(chain, {}, 2)
    expect(parents).toEqual([-1, 0, 1, 1, 1])
    expect(notes).toEqual({ 3: 'depth_limited', 4: 'depth_limited' })
  })

  it('hangs a repeated id by its own parent id, not the trace map entry of the first', () => {
    const { parents } = resolve(
      [
        startOf('query', 'x'),
        startOf('retrieve', 'r', { parentId: 'x' }),
        startOf('llm', 'x', { parentId: 'r' }),
      ],
      { x: 'root', r: 'x' },
    )
    expect(parents).toEqual([-1, 0, 1])
  })
})
