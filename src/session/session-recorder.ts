import { ExplainedError, problemLine } from '../problem.js'
import { describeError, warn } from '../warnings.js'
import type { SessionSink, SinkReport } from './session-sink.js'
import { addToSummary, emptySummary } from './test-record.js'
import type { SessionStart, SessionSummary, TestRecord } from './test-record.js'
import { TopTests } from './top-tests.js'
import { testRecordLine } from './session-file.js'
import type { TokenHungryTest } from './top-tests.js'

/** What a finished session produced, for the closing summary. */
export interface RecordedSession {
  readonly summary: SessionSummary
  readonly topTests: readonly TokenHungryTest[]
  readonly reports: readonly SinkReport[]
}

type Step = 'start' | 'write' | 'finish'

const TOP_TESTS_SHOWN = 5
const UNNAMED_SINK = 'session sink'

/**
 * Fans test records out to sinks and keeps the running totals. A sink that fails is reported in one
 * warning line and left out from then on; the others carry on, and the summary still says where
 * each sink's records went, or that they did not.
 */
export class SessionRecorder {
  private live: SessionSink[] = []
  private readonly failed = new Map<SessionSink, Step>()
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
    let line: string | undefined
    const asLine = (): string => (line ??= testRecordLine(record))
    for (const sink of this.live) {
      try {
        sink.write(record, asLine)
      } catch (error) {
        this.drop(sink, 'write', error)
      }
    }
  }

  async finish(): Promise<RecordedSession> {
    const reports: SinkReport[] = []
    for (const sink of this.sinks) {
      let report: SinkReport | undefined
      if (this.live.includes(sink)) {
        await this.attempt(sink, 'finish', async () => {
          report = await sink.finish(this.summary)
        })
      }
      report ??= failedReport(sink, this.failed.get(sink))
      if (report !== undefined) reports.push(report)
    }
    return { summary: this.summary, topTests: this.top.tests, reports }
  }

  private async attempt(
    sink: SessionSink,
    step: Step,
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

  private drop(sink: SessionSink, step: Step, error: unknown): void {
    this.live = this.live.filter((each) => each !== sink)
    this.failed.set(sink, step)
    const label = sink.label ?? UNNAMED_SINK
    warn(
      error instanceof ExplainedError
        ? problemLine(error.problem, `the session goes on without the ${label}`)
        : `could not ${step} the ${label} (${describeError(error)}); the session goes on without it.`,
    )
  }
}

// A sink that failed still has its line, so that the summary never hides where records did not go.
function failedReport(sink: SessionSink, step: Step | undefined): SinkReport | undefined {
  if (step === undefined) return undefined
  const location = step === 'start' ? 'not saved' : 'incomplete'
  return { label: sink.label ?? UNNAMED_SINK, location: `${location} — see the warning above` }
}
