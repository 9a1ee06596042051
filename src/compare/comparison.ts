import type { TestState } from '../session/test-record.js'
import type { OutlineChange } from './outline-change.js'

/**
 * What changed about a test, most telling first: the order reports list tests in. Outcome kinds
 * come in pairs that swap when base and head do; metric kinds are given only for tests that ran
 * in both sessions.
 */
export const CHANGE_KINDS = [
  'passed-to-failed',
  'removed',
  'run-to-skipped',
  'newly-flaky',
  'scores',
  'outline',
  'llm-calls',
  'tokens',
  'duration',
  'failed-to-passed',
  'skipped-to-run',
  'no-longer-flaky',
  'added',
] as const

export type ChangeKind = (typeof CHANGE_KINDS)[number]

/** A number on both sides; `delta` is head − base. */
export interface Delta {
  readonly base: number
  readonly head: number
  readonly delta: number
}

/** A number that one side may lack (null); `delta` is null unless both have it. */
export interface MaybeDelta {
  readonly base: number | null
  readonly head: number | null
  readonly delta: number | null
}

/** A value of each side; null on the side that lacks the test. */
export interface Sides<T> {
  readonly base: T | null
  readonly head: T | null
}

export interface Tokens<D> {
  readonly prompt: D
  readonly completion: D
  readonly total: D
}

export interface TestComparison {
  readonly id: string
  readonly file: string
  readonly name: string
  /** Never empty: tests without a change are only counted. */
  readonly change: readonly ChangeKind[]
  readonly state: Sides<TestState>
  readonly flaky: Sides<boolean>
  /** The first line of each side's error. */
  readonly error: Sides<string>
  /** Null unless the test ran in both sessions and its outline changed. */
  readonly outline: OutlineChange | null
  readonly llmCalls: MaybeDelta
  readonly tokens: Tokens<MaybeDelta>
  /** Each score either side recorded: the test's mean over its runs. */
  readonly scores: Readonly<Record<string, MaybeDelta>>
  readonly durationMs: MaybeDelta
}

export interface ComparisonSummary {
  readonly tests: Delta
  readonly passed: Delta
  readonly failed: Delta
  readonly skipped: Delta
  /** passed / (passed + failed); null for a session where no test ran. */
  readonly passRate: MaybeDelta
  readonly spans: Delta
  readonly llmCalls: Delta
  readonly tokens: Tokens<Delta>
  /** Each score's session mean (the mean of its tests' means). */
  readonly scores: Readonly<Record<string, MaybeDelta>>
  /** How many tests have each kind of change. */
  readonly changes: Readonly<Record<ChangeKind, number>>
  /** Tests in both sessions with no change. */
  readonly unchanged: number
}

/** What `--fail-on-regression` fails on. */
export type Regression =
  | { readonly kind: 'passed-to-failed'; readonly test: string }
  | {
      readonly kind: 'score-dropped'
      readonly score: string
      readonly base: number
      readonly head: number
      readonly delta: number
    }

/** Facts about one compared session. */
export interface SideFacts {
  /** The input as given: a path, or a W&B run path, URL or `branch:<name>`. */
  readonly source: string
  /** The session file read. */
  readonly file: string
  readonly sessionId: string
  readonly startedAtMs: number
  readonly vitestVersion: string
  readonly gitCommit: string | null
  readonly gitBranch: string | null
  /** False when the session has no summary line (killed): its totals come from its tests. */
  readonly complete: boolean
  /** Test records replaced by a later record of the same test. */
  readonly duplicates: number
}

export interface DurationNoise {
  /** A duration change counts when one side took more than (1 + ratio) times the other… */
  readonly ratio: number
  /** …and they differ by more than this. */
  readonly minMs: number
}

export interface CompareOptions {
  /** How far a score's session mean may fall before it is a regression. */
  readonly scoreTolerance: number
  readonly durationNoise: DurationNoise
}

export const DEFAULT_COMPARE_OPTIONS: CompareOptions = {
  scoreTolerance: 0.02,
  durationNoise: { ratio: 0.5, minMs: 100 },
}

export interface SessionComparison {
  readonly base: SideFacts
  readonly head: SideFacts
  readonly options: CompareOptions
  readonly summary: ComparisonSummary
  readonly regressions: readonly Regression[]
  /** Tests with a change, in the order of CHANGE_KINDS (by each test's first kind), then by id. */
  readonly tests: readonly TestComparison[]
}
