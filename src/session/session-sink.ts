import type { SessionStart, SessionSummary, TestRecord } from './test-record.js'

/** Where a finished session went, for the closing summary: e.g. a file path or a run URL. */
export interface SinkReport {
  readonly label: string
  readonly location: string
  /** A line to show after the location, such as how to upload an offline run. */
  readonly hint?: string
}

/**
 * Where test records go. The reporter calls `start` once, `write` for each test as it finishes
 * (a sink queues or writes it at once; it must not keep every record in memory), then `finish`.
 * Failures are reported by the reporter as one warning line; they never fail the test run.
 */
export interface SessionSink {
  /** What the sink keeps, as the summary and warnings name it: `session file`, `W&B run`. */
  readonly label?: string
  start(session: SessionStart): Promise<void>
  /** `asLine` gives the record as a session file line, encoded once however many sinks ask. */
  write(record: TestRecord, asLine: () => string): void
  finish(summary: SessionSummary): Promise<SinkReport | undefined>
}
