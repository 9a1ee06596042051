import { describeError, warn } from '../warnings.js'
import type { SessionSink, SinkReport } from './session-sink.js'
import { addToSummary, emptySummary } from './test-record.js'
import type { SessionStart, SessionSummary, TestRecord } from './test-record.js'
import { TopTests } from './top-tests.js'
import type { TokenHungryTest } from './top-tests.js'

/** What a finished session produced, for the closing summary. */
export interface RecordedSession {
  readonly summary: SessionSummary
  readonly topTests: readonly TokenHungryTest[]
  readonly reports: readonly SinkReport[]
}

const TOP_TESTS_SHOWN = 5

/**
 * Fans test records out to sinks and keeps the running totals. A sink that fails is reported in one
 * warning line and left out from then on; the others carry on.
 */
export class SessionRecorder {
  private live: SessionSink[] = []
  private readonly summary = emptySummary()
  private readonly top = new TopTests(TOP_TESTS_SHOWN)

  constructor(private readonly sinks: readonly SessionSink[]) {}

  async start(session: SessionStart): Promise<void> {
    const started = await Promise.all(
      this.sinks.map(async (sink) =>
        (await this.attempt(sink, 'start', () => sink.start(session))) ? sink : undefined,
      ),
    )
    this.live = started.filter((sink): sink is SessionSink => sink !== undefined)
  }

  write(record: TestRecord): void {
    addToSummary(this.summary, record)
    this.top.offer(record)
    for (const sink of this.live) {
      try {
        sink.write(record)
      } catch (error) {
        this.drop(sink, 'write', error)
      }
    }
  }

  async finish(): Promise<RecordedSession> {
    const reports: SinkReport[] = []
    for (const sink of this.live) {
      let report: SinkReport | undefined
      await this.attempt(sink, 'finish', async () => {
        report = await sink.finish(this.summary)
      })
      if (report !== undefined) reports.push(report)
    }
    return { summary: this.summary, topTests: this.top.tests, reports }
  }

  private async attempt(
    sink: SessionSink,
    step: string,
    action: () => Promise<unknown>,
  ): Promise<boolean> {
    try {
      await action()
      return true
    } catch (error) {
      this.drop(sink, step, error)
      return false
    }
  }

  private drop(sink: SessionSink, step: string, error: unknown): void {
    this.live = this.live.filter((each) => each !== sink)
    warn(
      `the ${sinkName(sink)} failed to ${step} (${describeError(error)}); the session goes on without it.`,
    )
  }
}

function sinkName(sink: SessionSink): string {
  const name = sink.constructor.name
  return name === '' || name === 'Object' ? 'session sink' : name
}
