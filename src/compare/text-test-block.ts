import { testMark } from './change-labels.js'
import type { TestMark } from './change-labels.js'
import { changeLabels } from './change-labels.js'
import type { TestComparison } from './comparison.js'
import { hunkHeader } from './hunks.js'
import type { MetricRow } from './metric-rows.js'
import { testRows } from './metric-rows.js'
import type { Paint, Style } from './paint.js'

const MARKS: Readonly<Record<TestMark, readonly [string, Style]>> = {
  broken: ['✗', 'red'],
  removed: ['-', 'red'],
  fixed: ['✓', 'green'],
  added: ['+', 'green'],
  changed: ['~', 'yellow'],
}

/** One changed test: a line naming it and its changes, then what changed, indented. */
export function textTestBlock(test: TestComparison, paint: Paint): string[] {
  const [mark, style] = MARKS[testMark(test)]
  const lines = [`${paint(style, mark)} ${paint('bold', test.id)}  ${changeLabels(test)}`]
  if (test.state.head === 'failed' && test.error.head !== null)
    lines.push(`    error: ${test.error.head}`)
  lines.push(...outlineLines(test, paint))
  lines.push(...testRows(test).map((row) => rowLine(row, paint)))
  return lines
}

function outlineLines(test: TestComparison, paint: Paint): string[] {
  const { outline } = test
  if (outline === null) return []
  if (outline.diff === null)
    return [`    structure changed (too long to show): ${outline.baseHash} → ${outline.headHash}`]
  return [
    '    structure:',
    ...outline.diff.flatMap((hunk) => [
      `      ${paint('cyan', hunkHeader(hunk))}`,
      ...hunk.lines.map((line) => `      ${diffLine(line, paint)}`),
    ]),
  ]
}

function diffLine(line: string, paint: Paint): string {
  if (line.startsWith('+')) return paint('green', line)
  if (line.startsWith('-')) return paint('red', line)
  return line
}

function rowLine(row: MetricRow, paint: Paint): string {
  const delta = row.delta === '' ? '' : ` (${toned(row, paint)})`
  return `${'  '.repeat(row.depth + 2)}${row.label}: ${row.base} → ${row.head}${delta}`
}

export function toned(row: MetricRow, paint: Paint): string {
  if (row.tone === 'good') return paint('green', row.delta)
  if (row.tone === 'bad') return paint('red', row.delta)
  return row.delta
}
