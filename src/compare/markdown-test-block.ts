import { changeLabels, testMark } from './change-labels.js'
import type { TestMark } from './change-labels.js'
import type { TestComparison } from './comparison.js'
import { hunkHeader } from './hunks.js'
import { code, escapeHtml, fenced } from './markdown-text.js'
import type { MetricRow } from './metric-rows.js'
import { testRows } from './metric-rows.js'

/** A diff longer than this is cut in a PR comment, whose whole size GitHub limits. */
export const MARKDOWN_MAX_DIFF_LINES = 200

const MARKS: Readonly<Record<TestMark, string>> = {
  broken: '❌',
  removed: '➖',
  fixed: '✅',
  added: '➕',
  changed: '🔸',
}

/** One changed test as a `<details>`: its changes in the summary, then error, diff and numbers. */
export function markdownTestBlock(test: TestComparison): string[] {
  const summary = `${MARKS[testMark(test)]} ${code(test.id)}: ${escapeHtml(changeLabels(test))}`
  const error =
    test.state.head === 'failed' && test.error.head !== null
      ? ['', `Error: ${code(test.error.head)}`]
      : []
  return [
    '<details>',
    `<summary>${summary}</summary>`,
    ...error,
    ...outlineBlock(test),
    ...rowsTable(testRows(test)),
    '',
    '</details>',
  ]
}

function outlineBlock(test: TestComparison): string[] {
  const { outline } = test
  if (outline === null) return []
  if (outline.diff === null)
    return [
      '',
      `Structure changed (too long to show): ${code(outline.baseHash)} → ${code(outline.headHash)}`,
    ]
  const lines = outline.diff.flatMap((hunk) => [hunkHeader(hunk), ...hunk.lines])
  const shown = lines.slice(0, MARKDOWN_MAX_DIFF_LINES)
  const cut = lines.length - shown.length
  return [
    '',
    ...fenced('diff', shown),
    ...(cut > 0 ? [`… ${cut} more lines of the diff are not shown.`] : []),
  ]
}

/** A table of compared numbers: label, base, head, Δ. */
export function rowsTable(rows: readonly MetricRow[]): string[] {
  if (rows.length === 0) return []
  return [
    '',
    '| | base | head | Δ |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map((row) => {
      const label = `${row.depth > 0 ? '&nbsp;&nbsp;' : ''}${escapeHtml(row.label)}`
      return `| ${label} | ${row.base} | ${row.head} | ${row.delta} |`
    }),
  ]
}
