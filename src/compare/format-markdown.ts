import { countLabel } from '../count-label.js'
import { changeCounts } from './change-labels.js'
import type { SessionComparison, SideFacts } from './comparison.js'
import { regressionText, sideNotes } from './format-text.js'
import { code, escapeHtml } from './markdown-text.js'
import { markdownTestBlock, rowsTable } from './markdown-test-block.js'
import { summaryRows } from './metric-rows.js'

/** Tests shown in full; past them a PR comment would outgrow what GitHub accepts. */
export const MARKDOWN_MAX_TESTS = 50

/** The report for a PR comment or `GITHUB_STEP_SUMMARY`: the totals table, then each changed test. */
export function formatMarkdown(comparison: SessionComparison): string {
  const { summary, tests } = comparison
  const shown = tests.slice(0, MARKDOWN_MAX_TESTS)
  const lines = [
    '## vitest-wandb diff',
    '',
    sideLine('base', comparison.base),
    sideLine('head', comparison.head),
    ...rowsTable(summaryRows(summary)),
    '',
    ...regressionLines(comparison),
    '',
    tests.length === 0
      ? `No test changed (${countLabel(summary.unchanged, 'test')} in both sessions).`
      : `### ${countLabel(tests.length, 'test')} changed, ${summary.unchanged} unchanged\n\n${escapeHtml(changeCounts(summary.changes))}`,
    ...shown.flatMap((test) => ['', ...markdownTestBlock(test)]),
    ...(tests.length > shown.length
      ? [
          '',
          `… and ${countLabel(tests.length - shown.length, 'more changed test')}: \`vitest-wandb diff --format json\` lists them all.`,
        ]
      : []),
  ]
  return `${lines.join('\n')}\n`
}

function sideLine(role: 'base' | 'head', side: SideFacts): string {
  const notes = sideNotes(side).map(escapeHtml).join('; ')
  return `- **${role}**: ${code(side.source)} (${notes})`
}

function regressionLines(comparison: SessionComparison): string[] {
  const { regressions, options } = comparison
  if (regressions.length === 0) return ['**No regressions.**']
  return [
    `**${countLabel(regressions.length, 'regression')}:**`,
    '',
    ...regressions.map(
      (regression) => `- ${escapeHtml(regressionText(regression, options.scoreTolerance))}`,
    ),
  ]
}
