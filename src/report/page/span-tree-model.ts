import type { ReportSpan } from '../report-data.js'

/** The tree the spans' depths describe, and the time axis their bars share. */
export interface SpanTree {
  /** Each span's parent index; -1 for a root. */
  readonly parents: readonly number[]
  readonly hasChildren: readonly boolean[]
  /** The earliest start and the latest end of any span; null when no span has times. */
  readonly axis: { readonly startMs: number; readonly endMs: number } | null
}

export function spanTree(spans: readonly ReportSpan[]): SpanTree {
  const parents: number[] = []
  const hasChildren: boolean[] = spans.map(() => false)
  const open: number[] = []
  let startMs = Infinity
  let endMs = -Infinity
  spans.forEach((span, index) => {
    open.length = Math.min(open.length, span.depth)
    const parent = open.length > 0 ? (open[open.length - 1] as number) : -1
    parents.push(parent)
    if (parent >= 0) hasChildren[parent] = true
    open.push(index)
    if (span.startMs !== null) startMs = Math.min(startMs, span.startMs)
    if (span.endMs !== null) endMs = Math.max(endMs, span.endMs)
  })
  const axis = startMs <= endMs ? { startMs, endMs } : null
  return { parents, hasChildren, axis }
}

/** The spans shown, in order: every span whose ancestors are all expanded. */
export function shownSpans(tree: SpanTree, collapsed: ReadonlySet<number>): number[] {
  const shown: number[] = []
  const hiddenBelow: boolean[] = []
  tree.parents.forEach((parent, index) => {
    const hidden = parent >= 0 && (hiddenBelow[parent] === true || collapsed.has(parent))
    hiddenBelow[index] = hidden
    if (!hidden) shown.push(index)
  })
  return shown
}

/** Where a span's bar sits on the axis, as fractions of its length (a sliver at least). */
export function barOf(
  span: ReportSpan,
  axis: SpanTree['axis'],
): { readonly left: number; readonly width: number } | null {
  if (axis === null || span.startMs === null) return null
  const length = Math.max(axis.endMs - axis.startMs, 1e-9)
  const end = span.endMs ?? span.startMs
  const left = (span.startMs - axis.startMs) / length
  return { left, width: Math.max((end - span.startMs) / length, 0.002) }
}

/** The spans of the pipeline (not the judges') a comparison marks as added, by index. */
export function addedSpans(
  outline: readonly { same: boolean; head: string | null }[],
): Set<number> {
  const added = new Set<number>()
  let line = 0
  for (const row of outline) {
    if (row.head === null) continue
    if (!row.same) added.add(line)
    line += 1
  }
  return added
}
