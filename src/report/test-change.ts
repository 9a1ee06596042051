import type { TestComparison } from '../compare/comparison.js'
import type { ReportTestChange } from './report-data.js'

/** How the page shows a test's comparison with the baseline. */
export function testChange(comparison: TestComparison): ReportTestChange {
  const { state } = comparison
  return {
    kinds: comparison.change,
    presence: state.base === null ? 'head' : state.head === null ? 'base' : 'both',
    baseState: state.base,
    tokens: comparison.tokens.total,
    llmCalls: comparison.llmCalls,
    durationMs: comparison.durationMs,
    scores: comparison.scores,
  }
}
