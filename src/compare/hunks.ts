import type { LineEdit } from './line-diff.js'

/**
 * One hunk of a unified diff. Starts are 1-based line numbers, as in `@@ -start,lines +start,lines @@`;
 * a side with no lines in the hunk gives the line before it (0 at the top of the file).
 */
export interface Hunk {
  readonly baseStart: number
  readonly baseLines: number
  readonly headStart: number
  readonly headLines: number
  /** Each line with its mark in front: ` ` kept, `-` removed, `+` added. */
  readonly lines: readonly string[]
}

export const DIFF_CONTEXT_LINES = 3

/** Groups edits into hunks with up to `context` kept lines around each change. */
export function unifiedHunks(edits: readonly LineEdit[], context = DIFF_CONTEXT_LINES): Hunk[] {
  const hunks: Hunk[] = []
  let index = 0
  let baseLine = 0
  let headLine = 0
  while (index < edits.length) {
    let next = index
    while (next < edits.length && edits[next]?.op === ' ') next += 1
    if (next === edits.length) break
    const start = Math.max(index, next - context)
    const end = hunkEnd(edits, next, context)
    baseLine += start - index
    headLine += start - index
    const slice = edits.slice(start, end)
    const baseLines = slice.filter((edit) => edit.op !== '+').length
    const headLines = slice.filter((edit) => edit.op !== '-').length
    hunks.push({
      baseStart: baseLine + (baseLines > 0 ? 1 : 0),
      baseLines,
      headStart: headLine + (headLines > 0 ? 1 : 0),
      headLines,
      lines: slice.map((edit) => `${edit.op}${edit.line}`),
    })
    baseLine += baseLines
    headLine += headLines
    index = end
  }
  return hunks
}

/** Where the hunk holding the change at `from` ends: after `context` kept lines past its last change. */
function hunkEnd(edits: readonly LineEdit[], from: number, context: number): number {
  let end = from
  let keptRun = 0
  for (let at = from; at < edits.length; at += 1) {
    if (edits[at]?.op === ' ') {
      keptRun += 1
      if (keptRun > 2 * context) break
    } else {
      keptRun = 0
      end = at + 1
    }
  }
  return Math.min(edits.length, end + context)
}

/** `@@ -1,3 +1,4 @@`: a hunk's header line. */
export function hunkHeader(hunk: Hunk): string {
  return `@@ -${hunk.baseStart},${hunk.baseLines} +${hunk.headStart},${hunk.headLines} @@`
}
