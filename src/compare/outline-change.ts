import { outlineHash } from '../trace/outline/outline-hash.js'
import { unifiedHunks } from './hunks.js'
import type { Hunk } from './hunks.js'
import { diffLines } from './line-diff.js'

/** Outlines longer than this are compared by hash only: their diff would cost too much to compute. */
export const MAX_OUTLINE_DIFF_LINES = 2_000

/** How a test's span outline changed; `diff` is null when it is too long to show. */
export interface OutlineChange {
  readonly baseHash: string
  readonly headHash: string
  readonly diff: readonly Hunk[] | null
}

export function outlineChange(base: string, head: string): OutlineChange | null {
  if (base === head) return null
  const baseLines = linesOf(base)
  const headLines = linesOf(head)
  const tooLong = Math.max(baseLines.length, headLines.length) > MAX_OUTLINE_DIFF_LINES
  return {
    baseHash: outlineHash(base),
    headHash: outlineHash(head),
    diff: tooLong ? null : unifiedHunks(diffLines(baseLines, headLines)),
  }
}

/** An outline's lines; an empty outline (no traces) has none. */
export function linesOf(outline: string): string[] {
  return outline === '' ? [] : outline.split('\n')
}
