import { countLabel as count, formatCount } from '../count-label.js'
import type { RecordedSession } from '../session/session-recorder.js'
import { testId } from '../session/test-record.js'
import type { SessionScore, SessionSummary } from '../session/test-record.js'

const MAX_SCORE_NAME_WIDTH = 24

/** The closing lines of a session, short enough for a CI log. */
export function summaryLines({ summary, topTests, reports }: RecordedSession): string[] {
  const lines = [totalsLine(summary), ...scoreLines(summary.scores)]
  if (topTests.length > 0) {
    lines.push('  most tokens:')
    for (const test of topTests)
      lines.push(`    ${formatCount(test.tokens).padStart(9)}  ${testId(test)}`)
  }
  for (const report of reports) {
    lines.push(`  ${report.label}: ${report.location}`)
    if (report.hint !== undefined) lines.push(`    ${report.hint}`)
  }
  return lines
}

function totalsLine(summary: SessionSummary): string {
  const parts = [
    `${count(summary.total, 'test')} (${outcomes(summary)})`,
    `${formatCount(summary.testsWithTraces)} with traces`,
    count(summary.spans, 'span'),
    count(summary.llmCalls, 'LLM call'),
    count(summary.tokensTotal, 'token'),
  ]
  if (summary.judgeLlmCalls > 0 || summary.judgeTokensTotal > 0) {
    parts.push(
      count(summary.judgeLlmCalls, 'judge call'),
      count(summary.judgeTokensTotal, 'judge token'),
    )
  }
  return `vitest-wandb: ${parts.join(' · ')}`
}

// Like Vitest's own totals: passed always, failed and skipped only when there are some.
function outcomes({ passed, failed, skipped }: SessionSummary): string {
  const parts = [`${formatCount(passed)} passed`]
  if (failed > 0) parts.push(`${formatCount(failed)} failed`)
  if (skipped > 0) parts.push(`${formatCount(skipped)} skipped`)
  return parts.join(', ')
}

/** A line per score, names aligned: mean, min, tests, share passing when judged, lowest test. */
function scoreLines(scores: Readonly<Record<string, SessionScore>>): string[] {
  const names = Object.keys(scores)
  const width = Math.min(MAX_SCORE_NAME_WIDTH, Math.max(0, ...names.map((name) => name.length)))
  return Object.entries(scores).map(([name, score]) => {
    const parts = [
      `mean ${decimals(score.mean)}`,
      `min ${decimals(score.min)}`,
      count(score.count, 'test'),
    ]
    // Floored, so that 100% means every judged value passed.
    if (score.judged > 0) parts.push(`passing ${Math.floor((score.passed * 100) / score.judged)}%`)
    parts.push(`lowest: ${score.lowest.test} (${decimals(score.lowest.mean)})`)
    return `  ${name.padEnd(width)}  ${parts.join(' · ')}`
  })
}

function decimals(value: number): string {
  return value.toFixed(2)
}
