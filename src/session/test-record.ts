import type { ScoreStats } from '../scores/score-stats.js'
import type { TraceStats, TraceTree } from '../trace/span.js'
import type { ResolvedArtifact } from '../wandb/artifacts/artifact-types.js'
import type { PersistedIndex } from '../wandb/artifacts/artifact-types.js'

export type TestState = 'passed' | 'failed' | 'skipped'

/** What a session keeps of one test case: its outcome (as the reporter saw it) and its traces. */
export interface TestRecord {
  /** `file > full name`, the same in every session: what comparisons match tests by. */
  readonly id: string
  /** The test's full name, suites included (`suite > test`), exactly as Vitest reports it. */
  readonly name: string
  /** The test file, relative to the project root. */
  readonly file: string
  readonly state: TestState
  /** When the test started (epoch ms); 0 for tests that never ran. */
  readonly startedAtMs: number
  readonly durationMs: number
  readonly retries: number
  readonly flaky: boolean
  /** The first error's message, for failed tests. */
  readonly error: string | null
  readonly traces: readonly TraceTree[]
  /** Totals over `traces`. */
  readonly stats: TraceStats
  /** Indexes the test persisted (`handler.persistIndex`). */
  readonly indexes: readonly PersistedIndex[]
  /** Artifacts the test loaded (`handler.loadStorageContext`). */
  readonly inputs: readonly ResolvedArtifact[]
  /** Each score the test recorded, over every run of it (repeats and retries). */
  readonly scores: Readonly<Record<string, ScoreStats>>
  /** Traces of the judges its scores ran (`score(name, fn)`), every span marked `judge`. */
  readonly judgeTraces: readonly TraceTree[]
  /** Totals over `judgeTraces`, kept apart from the pipeline's `stats`. */
  readonly judgeStats: TraceStats
}

/** Facts about a session, known when it starts. */
export interface SessionStart {
  readonly id: string
  readonly startedAtMs: number
  readonly root: string
  readonly vitestVersion: string
  readonly nodeVersion: string
  readonly shard: string | null
  /** The project's git commit and branch when the session started, when it is a repository. */
  readonly gitCommit: string | null
  readonly gitBranch: string | null
  /** The repository's remote, without any credentials it held. */
  readonly gitRemote: string | null
  /** What the session is compared with (`compareTo`): a W&B run path or a session file. */
  readonly baseline: string | null
}

/** Totals over a session's test records. */
export interface SessionSummary {
  total: number
  passed: number
  failed: number
  skipped: number
  testsWithTraces: number
  spans: number
  llmCalls: number
  tokensPrompt: number
  tokensCompletion: number
  tokensTotal: number
  /** LLM calls and tokens of the judges, apart from the pipeline's. */
  judgeLlmCalls: number
  judgeTokensTotal: number
  /** Each score over the tests that recorded it, a test counting once (its mean over its runs). */
  scores: Record<string, SessionScore>
}

/** One score over a session's tests. */
export interface SessionScore {
  /** The mean of the tests' means. */
  mean: number
  sum: number
  /** The lowest and highest value any run recorded. */
  min: number
  max: number
  /** Tests that recorded it. */
  count: number
  /** Runs whose value came with `passing`, and how many passed. */
  judged: number
  passed: number
  /** The test with the lowest mean. */
  lowest: { test: string; mean: number }
}

export function emptySummary(): SessionSummary {
  return {
    total: 0,
    passed: 0,
    failed: 0,
    skipped: 0,
    testsWithTraces: 0,
    spans: 0,
    llmCalls: 0,
    tokensPrompt: 0,
    tokensCompletion: 0,
    tokensTotal: 0,
    judgeLlmCalls: 0,
    judgeTokensTotal: 0,
    scores: {},
  }
}

export function addToSummary(summary: SessionSummary, record: TestRecord): void {
  summary.total += 1
  summary[record.state] += 1
  if (record.traces.length > 0) summary.testsWithTraces += 1
  summary.spans += record.stats.spans
  summary.llmCalls += record.stats.llmCalls
  summary.tokensPrompt += record.stats.promptTokens
  summary.tokensCompletion += record.stats.completionTokens
  summary.tokensTotal += record.stats.totalTokens
  summary.judgeLlmCalls += record.judgeStats.llmCalls
  summary.judgeTokensTotal += record.judgeStats.totalTokens
  for (const [name, stats] of Object.entries(record.scores)) addScore(summary, name, stats, record)
}

function addScore(
  summary: SessionSummary,
  name: string,
  stats: ScoreStats,
  record: TestRecord,
): void {
  const seen = Object.hasOwn(summary.scores, name) ? summary.scores[name] : undefined
  if (seen === undefined) {
    summary.scores[name] = {
      mean: stats.mean,
      sum: stats.mean,
      min: stats.min,
      max: stats.max,
      count: 1,
      judged: stats.judged,
      passed: stats.passed,
      lowest: { test: testId(record), mean: stats.mean },
    }
    return
  }
  seen.sum += stats.mean
  seen.count += 1
  seen.mean = seen.sum / seen.count
  seen.min = Math.min(seen.min, stats.min)
  seen.max = Math.max(seen.max, stats.max)
  seen.judged += stats.judged
  seen.passed += stats.passed
  if (stats.mean < seen.lowest.mean) seen.lowest = { test: testId(record), mean: stats.mean }
}

/**
 * A test's id, the same in every session: its file relative to the project root and its full name
 * (describe chain, test name and `test.each`/`test.for` parameters), `file > full name`.
 */
export function testId(record: Pick<TestRecord, 'file' | 'name'>): string {
  return `${record.file} > ${record.name}`
}
