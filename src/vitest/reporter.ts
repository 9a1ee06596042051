import { randomBytes } from 'node:crypto'
import type { Reporter, TestCase, TestModule, Vitest } from 'vitest/node'
import type { Baseline } from '../baseline/find-baseline.js'
import { sessionFilePath } from '../session/session-file-sink.js'
import { SessionRecorder } from '../session/session-recorder.js'
import type { SessionStart } from '../session/test-record.js'
import { readGitFacts } from '../wandb/git-facts.js'
import type { SessionSink } from '../session/session-sink.js'
import { describeError, warn } from '../warnings.js'
import { resolvePluginOptions } from './plugin-options.js'
import type { ResolvedPluginOptions, WandbPluginOptions } from './plugin-options.js'
import { createSessionSinks } from './session-sinks.js'
import type { SinkContext } from './session-sinks.js'
import { defersToMerge, shardLabel, writesBlob } from './shard-mode.js'
import { reportsOnStdout } from './stdout-report.js'
import { TEST_META_KEY } from './test-meta.js'
import { summaryLines } from './summary-lines.js'
import { failedThresholds } from './thresholds.js'
import { testRecordFromCase } from './test-record-from-case.js'
import { sessionOptions, watchModeNotice } from './watch-mode.js'

export interface WandbReporterOptions extends WandbPluginOptions {
  /** Where records go; by default the local session file (and W&B, as the mode says). */
  readonly sinks?: (
    options: ResolvedPluginOptions,
    context: SinkContext,
  ) => SessionSink[] | Promise<SessionSink[]>
}

/**
 * Streams one record per test case (outcome and traces) to the session's sinks as tests finish, and
 * prints a short summary at the end: once per run, so once per rerun in watch mode. It never
 * throws or rejects: Vitest would fail the run.
 */
export class WandbReporter implements Reporter {
  private readonly options: ResolvedPluginOptions
  private readonly makeSinks: NonNullable<WandbReporterOptions['sinks']>
  private vitest: Vitest | undefined
  private toStderr = false
  private recorder: SessionRecorder | undefined
  private recorded = new Set<string>()
  private waiting: TestCase[] = []
  private recordingScheduled = false
  private queue: Promise<void> = Promise.resolve()
  private started: SessionStart | undefined
  private baseline: Baseline | undefined

  constructor(options: WandbReporterOptions = {}) {
    this.options = resolvePluginOptions(options, process.env)
    this.makeSinks = options.sinks ?? createSessionSinks
  }

  onInit(vitest: Vitest): void {
    this.vitest = vitest
    this.recorder = undefined
    this.waiting = []
    this.queue = Promise.resolve()
    try {
      this.toStderr = reportsOnStdout(vitest.config, vitest.version)
      const notice = watchModeNotice(this.options, vitest.config)
      if (notice !== undefined) this.log([notice])
    } catch (error) {
      warn(`the reporter could not read Vitest's configuration: ${describeError(error)}`)
    }
  }

  // Vitest awaits every reporter hook, and a test worker waits for the main process to take its
  // results: the session starts, and records are written, in later turns of the event loop.
  onTestRunStart(): void {
    void this.enqueue('start the session', async () => {
      await this.openSession()
    })
  }

  onTestCaseResult(testCase: TestCase): void {
    this.waiting.push(testCase)
    this.scheduleRecording()
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): Promise<void> {
    return this.enqueue('finish the session', async () => {
      const recorder = await this.openSession()
      if (recorder === undefined) return
      for (const testCase of this.waiting.splice(0)) this.record(recorder, testCase)
      for (const module of testModules) {
        for (const testCase of module.children.allTests()) this.record(recorder, testCase)
      }
      this.recorder = undefined
      const session = await recorder.finish()
      if (session.summary.total > 0) this.log(summaryLines(session))
      await this.compareAndReport()
      const failed = failedThresholds(session.summary, this.options.thresholds)
      if (failed.length > 0) {
        this.log(failed)
        // The one change to the exit code the plugin makes: the user asked for these gates.
        process.exitCode = 1
      }
    })
  }

  private async openSession(): Promise<SessionRecorder | undefined> {
    const vitest = this.vitest
    if (vitest === undefined || defersToMerge(vitest.config)) return undefined
    if (this.recorder !== undefined) return this.recorder
    const sinks = await this.makeSinks(sessionOptions(this.options, vitest.config), {
      log: (line) => this.log([line]),
    })
    const recorder = new SessionRecorder(sinks)
    this.recorder = recorder
    // Vitest keeps a test's id across reruns: each session records every test it ran anew.
    this.recorded = new Set()
    const root = vitest.config.root
    this.baseline = await this.findBaseline(root)
    const git = readGitFacts(root, this.options.env)
    this.started = {
      id: randomBytes(4).toString('hex'),
      startedAtMs: Date.now(),
      root,
      vitestVersion: vitest.version,
      nodeVersion: process.version,
      shard: shardLabel(vitest.config),
      gitCommit: git.commit ?? null,
      gitBranch: git.branch ?? null,
      gitRemote: git.remoteUrl ?? null,
      baseline: this.baseline?.id ?? null,
    }
    await recorder.start(this.started)
    return recorder
  }

  // Both read the session file just written: they need it on.
  private async compareAndReport(): Promise<void> {
    const { started, baseline } = this
    if (started === undefined) return
    const headFile = sessionFilePath(started)
    if (baseline !== undefined) {
      const { compareWithBaseline } = await import('./session-comparison.js')
      this.log(await compareWithBaseline(baseline, headFile, this.options.env))
    }
    const { report, sessionFile } = this.options
    if (report === false) return
    if (!sessionFile) {
      warn(
        'the report needs the session file, which is off (sessionFile: false); none was written.',
      )
      return
    }
    const { writeReportOfSession } = await import('./session-report.js')
    this.log(await writeReportOfSession(report, started.root, headFile, baseline))
  }

  // Found before the session starts, so that its run's config can name it.
  private async findBaseline(root: string): Promise<Baseline | undefined> {
    if (this.options.compareTo === undefined) return undefined
    const { baselineOf } = await import('./session-comparison.js')
    return baselineOf(this.options, root)
  }

  // Each test is recorded once: as it finishes, or at the end for any whose result never came.
  // Vitest keeps every test's meta until the run ends; once recorded, our traces are let go
  // (unless a blob reporter still has to store them), so memory stays flat as the suite grows.
  private record(recorder: SessionRecorder | undefined, testCase: TestCase): void {
    if (recorder === undefined || this.recorded.has(testCase.id)) return
    this.recorded.add(testCase.id)
    recorder.write(testRecordFromCase(testCase))
    if (this.vitest !== undefined && !writesBlob(this.vitest.config)) {
      delete (testCase.meta() as Record<string, unknown>)[TEST_META_KEY]
    }
  }

  // One test per turn, so the main process stays free to answer the workers between them.
  private scheduleRecording(): void {
    if (this.recordingScheduled) return
    this.recordingScheduled = true
    setImmediate(() => {
      this.recordingScheduled = false
      void this.enqueue('record a test', () => this.recordNext())
    })
  }

  private async recordNext(): Promise<void> {
    const testCase = this.waiting.shift()
    if (testCase === undefined) return
    this.record(await this.openSession(), testCase)
    if (this.waiting.length > 0) this.scheduleRecording()
  }

  private enqueue(step: string, action: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(action).catch((error: unknown) => {
      warn(`the reporter could not ${step}: ${describeError(error)}`)
    })
    return this.queue
  }

  // Through Vitest's logger; on stderr when a reporter prints its report on stdout.
  private log(lines: readonly string[]): void {
    const logger = this.vitest?.logger
    if (logger === undefined) return
    for (const line of lines) {
      if (this.toStderr) logger.error(line)
      else logger.log(line)
    }
  }
}
