import { diffLines } from '../compare/line-diff.js'
import { linesOf, MAX_OUTLINE_DIFF_LINES } from '../compare/outline-change.js'
import type { ReportTestDetail } from './report-data.js'
import { outlineRows } from './outline-rows.js'

export type OutlineView = Pick<ReportTestDetail, 'outline' | 'outlineTooLong'>

export const NO_OUTLINE_VIEW: OutlineView = { outline: null, outlineTooLong: null }

/**
 * A test's two span outlines side by side, when they differ; outlines too long to align (as the
 * comparison bounds them) are only counted.
 */
export function outlineView(base: string, head: string): OutlineView {
  if (base === head) return NO_OUTLINE_VIEW
  const baseLines = linesOf(base)
  const headLines = linesOf(head)
  if (Math.max(baseLines.length, headLines.length) > MAX_OUTLINE_DIFF_LINES)
    return { outline: null, outlineTooLong: { base: baseLines.length, head: headLines.length } }
  return { outline: outlineRows(diffLines(baseLines, headLines)), outlineTooLong: null }
}
