import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hunkHeader, unifiedHunks } from '../../src/compare/hunks.js'
import { diffLines } from '../../src/compare/line-diff.js'
import { applyHunks } from './support/apply-hunks.js'

const numbered = (count: number, from = 1): string[] =>
  Array.from({ length: count }, (_, index) => `line ${index + from}`)

describe('unifiedHunks', () => {
  it('gives no hunk when nothing changed', () => {
    expect(unifiedHunks(diffLines(numbered(5), numbered(5)))).toEqual([])
  })

  it('keeps three lines of context around a change, numbered as unified diffs are', () => {
    const base = numbered(10)
    const head = [...base.slice(0, 5), 'new', ...base.slice(5)]
    const [hunk, ...rest] = unifiedHunks(diffLines(base, head))
    expect(rest).toEqual([])
    expect(hunk).toEqual({
      baseStart: 3,
      baseLines: 6,
      headStart: 3,
      headLines: 7,
      lines: [' line 3', ' line 4', ' line 5', '+new', ' line 6', ' line 7', ' line 8'],
    })
    expect(hunkHeader(hunk as never)).toBe('@@ -3,6 +3,7 @@')
  })

  it('splits changes far apart into hunks and joins those close together', () => {
    const base = numbered(30)
    const far = base.map((line, index) => (index === 2 || index === 25 ? `${line}!` : line))
    expect(unifiedHunks(diffLines(base, far)).map(hunkHeader)).toEqual([
      '@@ -1,6 +1,6 @@',
      '@@ -23,7 +23,7 @@',
    ])
    const near = base.map((line, index) => (index === 2 || index === 8 ? `${line}!` : line))
    expect(unifiedHunks(diffLines(base, near)).map(hunkHeader)).toEqual(['@@ -1,12 +1,12 @@'])
  })

  it('numbers a side without lines by the line before the hunk', () => {
    expect(unifiedHunks(diffLines([], ['a', 'b']))).toEqual([
      { baseStart: 0, baseLines: 0, headStart: 1, headLines: 2, lines: ['+a', '+b'] },
    ])
    expect(unifiedHunks(diffLines(['a', 'b'], []))[0]).toMatchObject({
      baseStart: 1,
      headStart: 0,
      headLines: 0,
    })
    expect(unifiedHunks(diffLines(['a'], ['a', 'b']), 0)[0]).toMatchObject({
      baseStart: 1,
      baseLines: 0,
      headStart: 2,
      headLines: 1,
    })
  })

  it('applies: patching base with the hunks gives head', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', '├─ llm (LLM)', ''), {
      maxLength: 40,
    })
    fc.assert(
      fc.property(lines, lines, fc.integer({ min: 0, max: 4 }), (base, head, context) => {
        expect(applyHunks(base, unifiedHunks(diffLines(base, head), context))).toEqual(head)
      }),
      { numRuns: 500 },
    )
  })
})
