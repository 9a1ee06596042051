import type { Span, TraceTree } from './span.js'

/** The attribute that marks a span as a judge's, with the judge's (score's) name. */
export const JUDGE_ATTRIBUTE = 'judge'

/** A copy of `tree` whose every span carries `judge: <name>`; the tree itself is left as it is. */
export function markedAsJudge(tree: TraceTree, name: string): TraceTree {
  const copy = (span: Span): Span => ({
    ...span,
    attributes: { ...span.attributes, [JUDGE_ATTRIBUTE]: name },
    child_spans: span.child_spans === null ? null : [...span.child_spans],
  })
  const rootSpan = copy(tree.rootSpan)
  // A stack, not recursion: trees are built up to 100 spans deep, and may come from elsewhere deeper.
  const pending: Span[] = [rootSpan]
  for (let span = pending.pop(); span !== undefined; span = pending.pop()) {
    const children = span.child_spans
    if (children === null) continue
    children.forEach((child, index) => {
      const marked = copy(child)
      children[index] = marked
      pending.push(marked)
    })
  }
  return { ...tree, rootSpan }
}
