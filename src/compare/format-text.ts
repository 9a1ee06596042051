import { countLabel } from '../count-label.js'
import { changeCounts } from './change-labels.js'
import type { Regression, SessionComparison, SideFacts } from './comparison.js'
import { scoreText } from './format-values.js'
import { summaryRows } from './metric-rows.js'
import type { MetricRow } from './metric-rows.js'
import { painter } from './paint.js'
import type { Paint } from './paint.js'
import { textTestBlock, toned } from './text-test-block.js'

export interface TextOptions {
  /** ANSI colour: for a terminal only. */
  readonly color: boolean
}

/** The report for a terminal: both sessions, the totals, each changed test, the regressions. */
export function formatText(comparison: SessionComparison, { color }: TextOptions): string {
  const paint = painter(color)
  const { summary } = comparison
  const changed = comparison.tests.length
  const lines = [
    paint('bold', 'vitest-wandb diff'),
    ...sideLines('base', comparison.base),
    ...sideLines('head', comparison.head),
    '',
    ...tableLines(summaryRows(summary), paint),
    '',
    changed === 0
      ? `No test changed (${countLabel(summary.unchanged, 'test')} in both sessions).`
      : `${countLabel(changed, 'test')} changed, ${summary.unchanged} unchanged: ${changeCounts(summary.changes)}.`,
    ...comparison.tests.flatMap((test) => ['', ...textTestBlock(test, paint)]),
    '',
    ...regressionLines(comparison, paint),
  ]
  return `${lines.join('\n')}\n`
}

/** `  base  <file>` and what is known of the session, with a note when it is not whole. */
export function sideLines(role: 'base' | 'head', side: SideFacts): string[] {
  const where = side.file.startsWith(side.source) ? side.file : `${side.source} (${side.file})`
  return [`  ${role}  ${where}`, ...sideNotes(side).map((note) => `        ${note}`)]
}

export function sideNotes(side: SideFacts): string[] {
  const git = [side.gitBranch, side.gitCommit?.slice(0, 7)].filter((part) => part != null)
  const started =
    side.startedAtMs > 0
      ? `${new Date(side.startedAtMs).toISOString().slice(0, 19).replace('T', ' ')} UTC`
      : undefined
  const facts = [`session ${side.sessionId}`, started, git.join(' ') || undefined]
  const notes = [facts.filter((fact) => fact !== undefined).join(' · ')]
  if (!side.complete)
    notes.push('it has no summary line (the run was cut short): totals come from its tests')
  if (side.duplicates > 0)
    notes.push(
      `${countLabel(side.duplicates, 'test record')} repeated a test recorded before: the last record of each test is compared`,
    )
  return notes
}

function tableLines(rows: readonly MetricRow[], paint: Paint): string[] {
  const label = (row: MetricRow): string => `${'  '.repeat(row.depth)}${row.label}`
  const width = Math.max(...rows.map((row) => label(row).length))
  const column = (cells: string[]): number => Math.max(4, ...cells.map((cell) => cell.length))
  const baseWidth = column(rows.map((row) => row.base))
  const headWidth = column(rows.map((row) => row.head))
  const heading = `  ${''.padEnd(width)}  ${'base'.padStart(baseWidth)}  ${'head'.padStart(headWidth)}  Δ`
  return [
    paint('dim', heading),
    ...rows.map((row) =>
      `  ${label(row).padEnd(width)}  ${row.base.padStart(baseWidth)}  ${row.head.padStart(headWidth)}  ${toned(row, paint)}`.trimEnd(),
    ),
  ]
}

function regressionLines(comparison: SessionComparison, paint: Paint): string[] {
  const { regressions, options } = comparison
  if (regressions.length === 0) return ['No regressions.']
  return [
    paint('red', `${countLabel(regressions.length, 'regression')}:`),
    ...regressions.map((regression) => `  ${regressionText(regression, options.scoreTolerance)}`),
  ]
}

/** A regression in one sentence, as every format states it. */
export function regressionText(regression: Regression, tolerance: number): string {
  if (regression.kind === 'passed-to-failed') return `${regression.test}: passed → failed`
  const { score, base, head, delta } = regression
  return `${score}: session mean ${scoreText(base)} → ${scoreText(head)} (${scoreText(delta)}), a fall of more than ${tolerance}`
}
