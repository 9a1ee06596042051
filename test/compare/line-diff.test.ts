import { describe, expect, it } from 'vitest'
import { diffLines } from '../../src/compare/line-diff.js'

const show = (base: string[], head: string[]): string[] =>
  diffLines(base, head).map((edit) => `${edit.op}${edit.line}`)

describe('diffLines', () => {
  it('keeps every line of equal inputs', () => {
    expect(show(['a', 'b'], ['a', 'b'])).toEqual([' a', ' b'])
    expect(show([], [])).toEqual([])
  })

  it('marks added and removed lines, keeping a longest common subsequence', () => {
    expect(show(['a', 'c'], ['a', 'b', 'c'])).toEqual([' a', '+b', ' c'])
    expect(show(['a', 'b', 'c'], ['a', 'c'])).toEqual([' a', '-b', ' c'])
    expect(show(['a', 'b', 'c', 'd'], ['b', 'x', 'd', 'e'])).toEqual([
      '-a',
      ' b',
      '-c',
      '+x',
      ' d',
      '+e',
    ])
  })

  it('puts removals before additions where lines were replaced', () => {
    expect(show(['a', 'old', 'z'], ['a', 'new', 'z'])).toEqual([' a', '-old', '+new', ' z'])
    expect(show(['x'], [])).toEqual(['-x'])
    expect(show([], ['x', 'y'])).toEqual(['+x', '+y'])
  })

  it('keeps as many lines as can be kept when lines repeat', () => {
    const edits = diffLines(['a', 'b', 'a', 'b', 'a'], ['b', 'a', 'b', 'a', 'b'])
    expect(edits.filter((edit) => edit.op === ' ')).toHaveLength(4)
  })
})
