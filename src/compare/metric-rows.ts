import type { ComparisonSummary, MaybeDelta, TestComparison } from './comparison.js'
import {
  countText,
  deltaText,
  durationText,
  percentText,
  pointsText,
  scoreText,
} from './format-values.js'

/** Whether a change is good news, bad news, or neither (more tokens is not a verdict). */
export type Tone = 'good' | 'bad' | 'plain'

/** One compared number, ready to print; `depth` 1 is a detail of the row above. */
export interface MetricRow {
  readonly label: string
  readonly depth: 0 | 1
  readonly base: string
  readonly head: string
  readonly delta: string
  readonly tone: Tone
}

/** How a side's value is shown, and how the size of a change is (the same, but for rates). */
type Shown = (value: number | null) => string
type Sized = (value: number) => string

function row(
  label: string,
  change: MaybeDelta,
  [shown, sized]: readonly [Shown, Sized],
  better: 'up' | 'down' | 'neither' = 'neither',
  depth: 0 | 1 = 0,
): MetricRow {
  const delta = change.delta ?? 0
  const tone: Tone =
    better === 'neither' || delta === 0 ? 'plain' : delta > 0 === (better === 'up') ? 'good' : 'bad'
  const text = { base: shown(change.base), head: shown(change.head) }
  return { label, depth, ...text, delta: deltaText(change, sized), tone }
}

const COUNT = [countText, countText] as const
const SCORE = [scoreText, scoreText] as const

/** The session table: tests and outcomes, usage, then each score's session mean. */
export function summaryRows(summary: ComparisonSummary): MetricRow[] {
  const scores = Object.entries(summary.scores)
  return [
    row('Tests', summary.tests, COUNT),
    row('Passed', summary.passed, COUNT, 'up'),
    row('Failed', summary.failed, COUNT, 'down'),
    row('Skipped', summary.skipped, COUNT),
    row('Pass rate', summary.passRate, [percentText, pointsText], 'up'),
    row('Spans', summary.spans, COUNT),
    row('LLM calls', summary.llmCalls, COUNT),
    row('Tokens', summary.tokens.total, COUNT),
    row('prompt', summary.tokens.prompt, COUNT, 'neither', 1),
    row('completion', summary.tokens.completion, COUNT, 'neither', 1),
    ...scores.map(([name, mean]) => row(`${name} (mean)`, mean, SCORE, 'up')),
  ]
}

/** The numbers that changed for one test: LLM calls, tokens, scores, duration. */
export function testRows(test: TestComparison): MetricRow[] {
  const rows: MetricRow[] = []
  if (test.change.includes('llm-calls')) rows.push(row('LLM calls', test.llmCalls, COUNT))
  if (test.change.includes('tokens')) {
    rows.push(row('Tokens', test.tokens.total, COUNT))
    const { prompt, completion } = test.tokens
    if (prompt.delta !== 0) rows.push(row('prompt', prompt, COUNT, 'neither', 1))
    if (completion.delta !== 0) rows.push(row('completion', completion, COUNT, 'neither', 1))
  }
  if (test.change.includes('scores')) {
    for (const [name, score] of Object.entries(test.scores))
      if (score.delta !== 0) rows.push(row(name, score, SCORE, 'up'))
  }
  if (test.change.includes('duration'))
    rows.push(row('Duration', test.durationMs, [durationText, durationText]))
  return rows
}
