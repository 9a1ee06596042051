import type { SessionTotals } from '../compare/session-totals.js'
// The data a report page is built from: written by the generator, read by the page script. Types
// only, with no imports, so the page (which runs in a browser) and the generator share them.

/** A JSON value, as spans hold their payloads. */
export type ReportJson =
  null | boolean | number | string | ReportJson[] | { [key: string]: ReportJson }

export type ReportTestState = 'passed' | 'failed' | 'skipped'

/** Facts about one session shown in the report. */
export interface ReportSessionFacts {
  /** The input as given: a path, a W&B run path, `branch:<name>`. */
  readonly source: string
  /** The session file's name, when the source is a folder that holds it. */
  readonly file: string | null
  readonly id: string
  readonly startedAtMs: number
  readonly gitCommit: string | null
  readonly gitBranch: string | null
  readonly vitestVersion: string
  /** False when the session file has no summary line (its process was killed). */
  readonly complete: boolean
}

/** A session's totals. */
export type ReportTotals = SessionTotals

/** A number of each side; null on a side that lacks it; `delta` is head − base when both have it. */
export interface ReportDelta {
  readonly base: number | null
  readonly head: number | null
  readonly delta: number | null
}

/** How a test compares with the baseline. */
export interface ReportTestChange {
  /** What changed, most telling first (the comparison's change kinds); empty when nothing did. */
  readonly kinds: readonly string[]
  /** `head`: only in this session (added); `base`: only in the baseline (removed). */
  readonly presence: 'both' | 'head' | 'base'
  readonly baseState: ReportTestState | null
  readonly tokens: ReportDelta
  readonly llmCalls: ReportDelta
  readonly durationMs: ReportDelta
  readonly scores: Readonly<Record<string, ReportDelta>>
}

/** One row of the test list. */
export interface ReportTest {
  readonly name: string
  readonly file: string
  /** For a test only in the baseline, its state there. */
  readonly state: ReportTestState
  readonly durationMs: number
  readonly spans: number
  readonly llmCalls: number
  readonly tokens: number
  readonly flaky: boolean
  readonly retries: number
  /** The first line of its error, shortened; the whole error is in its detail. */
  readonly error: string | null
  /** Each score's mean over the test's runs. */
  readonly scores: Readonly<Record<string, number>>
  /** Where its detail is: `blocks[block]`, entry `entry`. */
  readonly block: number
  readonly entry: number
  /** Null unless the report compares sessions. */
  readonly change: ReportTestChange | null
}

/** One span, in depth-first order: its children follow it, one level deeper. */
export interface ReportSpan {
  readonly depth: number
  readonly name: string
  readonly kind: string | null
  readonly status: 'SUCCESS' | 'ERROR' | null
  readonly message: string | null
  readonly startMs: number | null
  readonly endMs: number | null
  /** `total_tokens_used`, where the span counted tokens. */
  readonly tokens: number | null
  /** A span of a judge's trace (a score's evaluator), not of the pipeline. */
  readonly judge: boolean
  readonly attributes: { readonly [key: string]: ReportJson } | null
  readonly results: readonly {
    readonly inputs: ReportJson
    readonly outputs: ReportJson
  }[]
}

/**
 * One row of two span outlines side by side. `same`: the line is in both; otherwise `base` is a
 * line only in the baseline (removed) and `head` one only in this session (added), either null.
 */
export interface ReportOutlineRow {
  readonly same: boolean
  readonly base: string | null
  readonly head: string | null
}

/** What the page loads when a test is selected. */
export interface ReportTestDetail {
  /** The whole error message of a failed test. */
  readonly error: string | null
  /** The pipeline's spans first, then the judges'; a pipeline span's place is its outline line. */
  readonly spans: readonly ReportSpan[]
  /** When comparing and the span structure changed: both outlines, aligned. */
  readonly outline: readonly ReportOutlineRow[] | null
  /** When comparing and the structure changed but is too long to align: each side's span count. */
  readonly outlineTooLong: { readonly base: number; readonly head: number } | null
}

/** The comparison's session-wide numbers: the baseline's totals as deltas. */
export interface ReportComparisonSummary {
  readonly tests: ReportDelta
  readonly passed: ReportDelta
  readonly failed: ReportDelta
  readonly skipped: ReportDelta
  readonly llmCalls: ReportDelta
  readonly totalTokens: ReportDelta
  readonly scores: Readonly<Record<string, ReportDelta>>
  /** Tests with a change, and tests in both with none. */
  readonly changed: number
  readonly unchanged: number
}

export const REPORT_DATA_VERSION = 1

/** The id of the `<script type="application/json">` element that holds a page's ReportData. */
export const DATA_ELEMENT_ID = 'report-data'

export interface ReportData {
  readonly version: typeof REPORT_DATA_VERSION
  readonly session: ReportSessionFacts
  readonly totals: ReportTotals
  /** Every score any test recorded, in the order first seen. */
  readonly scoreNames: readonly string[]
  readonly tests: readonly ReportTest[]
  /** Test details, a block of tests at a time: raw DEFLATE of a JSON `ReportTestDetail[]`, base64. */
  readonly blocks: readonly string[]
  readonly baseline: ReportSessionFacts | null
  readonly comparison: ReportComparisonSummary | null
}
