import type { SessionSink, SinkReport } from './session-sink.js'
import type { SessionStart, SessionSummary, TestRecord } from './test-record.js'

/** Keeps a session in memory: for tests that assert on what the reporter produced. */
export class InMemorySessionSink implements SessionSink {
  session: SessionStart | undefined
  readonly records: TestRecord[] = []
  summary: SessionSummary | undefined

  async start(session: SessionStart): Promise<void> {
    this.session = session
  }

  write(record: TestRecord): void {
    this.records.push(record)
  }

  async finish(summary: SessionSummary): Promise<SinkReport | undefined> {
    this.summary = summary
    return undefined
  }
}
