import { countLabel as count, formatCount } from '../count-label.js'
import type { RecordedSession } from '../session/session-recorder.js'

/** The closing lines of a session, short enough for a CI log. */
export function summaryLines({ summary, topTests, reports }: RecordedSession): string[] {
  const lines = [
    `vitest-wandb: ${count(summary.testsWithTraces, 'test')} with traces · ${count(summary.spans, 'span')} · ` +
      `${count(summary.llmCalls, 'LLM call')} · ${count(summary.tokensTotal, 'token')}`,
  ]
  if (topTests.length > 0) {
    lines.push('  most tokens:')
    for (const test of topTests)
      lines.push(`    ${formatCount(test.tokens).padStart(9)}  ${test.file} > ${test.name}`)
  }
  for (const report of reports) {
    lines.push(`  ${report.label}: ${report.location}`)
    if (report.hint !== undefined) lines.push(`    ${report.hint}`)
  }
  return lines
}
