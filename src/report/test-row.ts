import type { TestLine } from '../compare/test-digest.js'
import type { DetailPlace } from './detail-blocks.js'
import type { ReportTest } from './report-data.js'

/** Characters of a test's error shown in the list; its detail holds the whole error. */
export const ERROR_SUMMARY_CHARS = 300

/** A test's row in the list; `change` is set once the baseline is matched. */
export function testRow(line: TestLine, place: DetailPlace): ReportTest {
  return {
    name: line.name,
    file: line.file,
    state: line.state,
    durationMs: line.durationMs,
    spans: line.stats.spans,
    llmCalls: line.stats.llmCalls,
    tokens: line.stats.totalTokens,
    flaky: line.flaky,
    retries: line.retries,
    error: errorSummary(line.error),
    scores: Object.fromEntries(Object.entries(line.scores).map(([name, { mean }]) => [name, mean])),
    block: place.block,
    entry: place.entry,
    change: null,
  }
}

/** The first line of an error, shortened to ERROR_SUMMARY_CHARS. */
export function errorSummary(error: string | null): string | null {
  if (error === null) return null
  const first = error.split('\n', 1)[0] ?? ''
  return first.length > ERROR_SUMMARY_CHARS ? `${first.slice(0, ERROR_SUMMARY_CHARS - 1)}…` : first
}
