import type { TraceStats, TraceTree } from '../trace/span.js'
import type { ResolvedArtifact } from '../wandb/artifacts/artifact-types.js'
import type { PersistedIndex } from '../wandb/artifacts/artifact-types.js'

export type TestState = 'passed' | 'failed' | 'skipped'

/** What a session keeps of one test case: its outcome (as the reporter saw it) and its traces. */
export interface TestRecord {
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
}

/** Facts about a session, known when it starts. */
export interface SessionStart {
  readonly id: string
  readonly startedAtMs: number
  readonly root: string
  readonly vitestVersion: string
  readonly nodeVersion: string
  readonly shard: string | null
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
}
