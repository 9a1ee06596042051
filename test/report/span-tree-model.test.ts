import { describe, expect, it } from 'vitest'
import { movedTo } from '../../src/report/page/keys.js'
import { addedSpans, barOf, shownSpans, spanTree } from '../../src/report/page/span-tree-model.js'
import type { ReportSpan } from '../../src/report/report-data.js'

function span(
  depth: number,
  startMs: number | null = null,
  endMs: number | null = null,
): ReportSpan {
  return {
    depth,
    name: `span at ${depth}`,
    kind: null,
    status: 'SUCCESS',
    message: null,
    startMs,
    endMs,
    tokens: null,
    judge: false,
    attributes: null,
    results: [],
  }
}

// query ─ retrieve ─ embedding; query ─ llm; then a second root (a judge).
const SPANS = [
  span(0, 100, 200),
  span(1, 110, 150),
  span(2, 120, 130),
  span(1, 150, 190),
  span(0, 205, 300),
]

describe('spanTree', () => {
  it('finds each span parent from the depths, and the time axis of them all', () => {
    const tree = spanTree(SPANS)
    expect(tree.parents).toEqual([-1, 0, 1, 0, -1])
    expect(tree.hasChildren).toEqual([true, true, false, false, false])
    expect(tree.axis).toEqual({ startMs: 100, endMs: 300 })
  })

  it('has no axis when no span has times', () => {
    expect(spanTree([span(0)]).axis).toBeNull()
  })
})

describe('shownSpans', () => {
  it('hides every span below a collapsed one', () => {
    const tree = spanTree(SPANS)
    expect(shownSpans(tree, new Set())).toEqual([0, 1, 2, 3, 4])
    expect(shownSpans(tree, new Set([1]))).toEqual([0, 1, 3, 4])
    expect(shownSpans(tree, new Set([0]))).toEqual([0, 4])
    expect(shownSpans(tree, new Set([0, 1]))).toEqual([0, 4])
  })
})

describe('barOf', () => {
  it("places a span's bar on the shared axis, a sliver at least", () => {
    const { axis } = spanTree(SPANS)
    expect(barOf(SPANS[1] as ReportSpan, axis)).toEqual({ left: 0.05, width: 0.2 })
    expect(barOf(span(0, 300, 300), axis)).toEqual({ left: 1, width: 0.002 })
    expect(barOf(span(0), axis)).toBeNull()
  })
})

describe('addedSpans', () => {
  it("counts this session's outline lines to find the spans added", () => {
    const outline = [
      { same: true, head: 'query' },
      { same: false, head: null },
      { same: false, head: '├─ rerank' },
      { same: true, head: '└─ llm' },
      { same: false, head: '└─ cite' },
    ]
    expect([...addedSpans(outline)]).toEqual([1, 3])
  })
})

describe('movedTo', () => {
  it('moves a cursor by a row, a page or to either end, staying inside the list', () => {
    expect(movedTo('ArrowDown', -1, 5, 2)).toBe(0)
    expect(movedTo('ArrowDown', 4, 5, 2)).toBe(4)
    expect(movedTo('ArrowUp', 0, 5, 2)).toBe(0)
    expect(movedTo('PageDown', 1, 5, 2)).toBe(3)
    expect(movedTo('PageUp', 1, 5, 2)).toBe(0)
    expect(movedTo('End', 0, 5, 2)).toBe(4)
    expect(movedTo('Home', 3, 5, 2)).toBe(0)
    expect(movedTo('a', 3, 5, 2)).toBeUndefined()
    expect(movedTo('ArrowDown', -1, 0, 2)).toBeUndefined()
  })
})
