import { describe, expect, it } from 'vitest'
import { markedAsJudge } from '../../src/trace/judge-marks.js'
import type { Span, TraceTree } from '../../src/trace/span.js'
import { emptyStats } from '../../src/trace/span.js'

function span(name: string, children: Span[] = []): Span {
  return {
    span_id: name,
    name,
    start_time_ms: 0,
    end_time_ms: 1,
    status_code: 'SUCCESS',
    status_message: null,
    attributes: { kept: true },
    results: null,
    child_spans: children.length === 0 ? null : children,
    span_kind: 'LLM',
  }
}

/** Every span's attributes, walked with a stack (the tree is deeper than the call stack). */
function attributesOf(root: Span): unknown[] {
  const seen: unknown[] = []
  const pending = [root]
  for (let each = pending.pop(); each !== undefined; each = pending.pop()) {
    seen.push(each.attributes)
    pending.push(...(each.child_spans ?? []))
  }
  return seen
}

describe('markedAsJudge', () => {
  it('marks every span of a copy, deep trees included, and leaves the tree it was given alone', () => {
    let deepest = span('leaf')
    for (let depth = 0; depth < 20_000; depth += 1) deepest = span(`level ${depth}`, [deepest])
    const tree: TraceTree = {
      traceId: 't',
      rootSpan: span('root', [deepest, span('sibling')]),
      stats: emptyStats(),
    }
    const marked = markedAsJudge(tree, 'faithfulness')
    expect(attributesOf(marked.rootSpan)).toEqual(
      new Array(20_003).fill({ kept: true, judge: 'faithfulness' }),
    )
    expect(attributesOf(tree.rootSpan)).toEqual(new Array(20_003).fill({ kept: true }))
  })
})
