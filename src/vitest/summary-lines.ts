import { countLabel as count, formatCount } from '../count-label.js'
import type { RecordedSession } from '../session/session-recorder.js'
import { testLabel } from '../session/test-record.js'
import type { SessionSummary } from '../session/test-record.js'

/** The closing lines of a session, short enough for a CI log. */
export function summaryLines({ summary, topTests, reports }: RecordedSession): string[] {
  const lines = [
    `vitest-wandb: ${count(summary.total, 'test')} (${outcomes(summary)}) · ` +
      `${formatCount(summary.testsWithTraces)} with traces · ${count(summary.spans, 'span')} · ` +
      `${count(summary.llmCalls, 'LLM call')} · ${count(summary.tokensTotal, 'token')}`,
  ]
  if (topTests.length > 0) {
    lines.push('  most tokens:')
    for (const test of topTests)
      lines.push(`    ${formatCount(test.tokens).padStart(9)}  ${testLabel(test)}`)
  }
  for (const report of reports) {
    lines.push(`  ${report.label}: ${report.location}`)
    if (report.hint !== undefined) lines.push(`    ${report.hint}`)
  }
  return lines
}

// Like Vitest's own totals: passed always, failed and skipped only when there are some.
function outcomes({ passed, failed, skipped }: SessionSummary): string {
  const parts = [`${formatCount(passed)} passed`]
  if (failed > 0) parts.push(`${formatCount(failed)} failed`)
  if (skipped > 0) parts.push(`${formatCount(skipped)} skipped`)
  return parts.join(', ')
}
