import type { LineEdit } from '../compare/line-diff.js'
import type { ReportOutlineRow } from './report-data.js'

/**
 * Two outlines side by side from the edits between them: kept lines on one row, and each run of
 * removed and added lines paired row by row, the longer run's extra lines alone on theirs.
 */
export function outlineRows(edits: readonly LineEdit[]): ReportOutlineRow[] {
  const rows: ReportOutlineRow[] = []
  let removed: string[] = []
  let added: string[] = []
  const flush = (): void => {
    for (let index = 0; index < Math.max(removed.length, added.length); index += 1)
      rows.push({ same: false, base: removed[index] ?? null, head: added[index] ?? null })
    removed = []
    added = []
  }
  for (const edit of edits) {
    if (edit.op === '-') removed.push(edit.line)
    else if (edit.op === '+') added.push(edit.line)
    else {
      flush()
      rows.push({ same: true, base: edit.line, head: edit.line })
    }
  }
  flush()
  return rows
}
