import { countLabel } from '../count-label.js'
import { changeCounts } from './change-labels.js'
import type { SessionComparison } from './comparison.js'
import { deltaText, scoreText } from './format-values.js'
import { regressionText } from './format-text.js'

/**
 * The comparison in a few lines, for the end of a test run: what changed against `baseline`, the
 * token total and each score's session mean base → head, and the regressions.
 */
export function shortComparison(comparison: SessionComparison, baseline: string): string[] {
  const { summary, regressions, options } = comparison
  const changed = comparison.tests.length
  const head =
    changed === 0
      ? `no test changed (${countLabel(summary.unchanged, 'test')} in both)`
      : `${countLabel(changed, 'test')} changed: ${changeCounts(summary.changes)}`
  const tokens = summary.tokens.total
  const lines = [
    `vitest-wandb: compared with ${baseline}: ${head}`,
    `  tokens ${tokens.base} → ${tokens.head}${tokens.delta === 0 ? '' : ` (${deltaText(tokens, String)})`}`,
  ]
  for (const [name, mean] of Object.entries(summary.scores)) {
    const delta = deltaText(mean, scoreText)
    lines.push(
      `  ${name} mean ${scoreText(mean.base)} → ${scoreText(mean.head)}${delta === '' ? '' : ` (${delta})`}`,
    )
  }
  for (const regression of regressions)
    lines.push(`  regression: ${regressionText(regression, options.scoreTolerance)}`)
  return lines
}
