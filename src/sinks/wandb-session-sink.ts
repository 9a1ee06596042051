import type { SessionSink, SinkReport } from '../session/session-sink.js'
import type { SessionStart, SessionSummary, TestRecord } from '../session/test-record.js'
import { displayPath } from '../display-path.js'
import { packageVersion } from '../package-version.js'
import { ExplainedError, problemLine } from '../problem.js'
import { warn } from '../warnings.js'
import type { Environment } from '../wandb/environment-reader.js'
import { fallbackWarning } from '../wandb/fallback-warning.js'
import { runFolderFailure } from '../wandb/run-folder.js'
import { configValues, historyRow, summaryValues } from './session-layout.js'
import { resolveWandbSettings } from '../wandb/settings.js'
import type { RunChoices, WandbSettings } from '../wandb/settings.js'
import { logArtifact } from '../wandb/artifacts/log-artifact.js'
import { useArtifact } from '../wandb/artifacts/use-artifact.js'
import { TestsTable } from './tests-table.js'
import {
  SESSION_FILE_VERSION,
  SESSION_RUN_FILE,
  sessionFileLine,
  testRecordLine,
} from '../session/session-file.js'
import { SessionFileWriter } from '../session/session-file-writer.js'
import { WandbRun } from '../wandb/wandb-run.js'
import type { RunOutcome } from '../wandb/wandb-run.js'

export interface WandbSinkContext {
  readonly log: (line: string) => void
  readonly env: Environment
}

const LABEL = 'W&B run'
const OFF: SinkReport = { label: LABEL, location: 'not logged — see the warning above' }

/** A test session as one W&B run: a history row per test, the summary, the config and a `tests` table. */
export class WandbSessionSink implements SessionSink {
  readonly label = LABEL
  private run: WandbRun | undefined
  /** What the summary says when no run is logged: nothing when W&B is disabled. */
  private notLogged: SinkReport | undefined
  private readonly table = new TestsTable()
  private readonly linking: Promise<unknown>[] = []
  private sessionCopy: SessionFileWriter | undefined

  constructor(
    private readonly options: RunChoices,
    private readonly context: WandbSinkContext,
  ) {}

  async start(session: SessionStart): Promise<void> {
    const settings = resolveWandbSettings(this.options, this.context.env, session.root)
    if (settings.trouble?.outcome === 'off') {
      warn(problemLine(settings.trouble.problem, 'W&B logging is off for this session'))
      this.notLogged = OFF
    }
    if (settings.mode === 'disabled') return
    try {
      this.run = this.openRun(settings, session)
      this.sessionCopy = SessionFileWriter.create(this.run.filePath(SESSION_RUN_FILE))
    } catch (error) {
      throw new ExplainedError(runFolderFailure(settings.dir, settings.dirSource, error))
    }
    this.sessionCopy.write(
      sessionFileLine({ kind: 'session', version: SESSION_FILE_VERSION, ...session }),
    )
  }

  write(record: TestRecord, asLine: () => string = () => testRecordLine(record)): void {
    const run = this.run
    if (run === undefined) return
    this.sessionCopy?.write(asLine())
    run.log(historyRow(record))
    this.table.add(record)
    for (const index of record.indexes) void logArtifact(run, index)
    for (const input of record.inputs) this.linking.push(useArtifact(run, input))
  }

  async finish(summary: SessionSummary): Promise<SinkReport | undefined> {
    const run = this.run
    if (run === undefined) return this.notLogged
    await Promise.all(this.linking)
    const table = this.table.render('tests', this.table.size)
    run.saveFile(table.path, table.bytes)
    this.sessionCopy?.write(sessionFileLine({ kind: 'summary', ...summary }))
    this.sessionCopy?.close()
    run.addFile(SESSION_RUN_FILE)
    const outcome = await run.finish(
      { ...summaryValues(summary), tests: table.value },
      summary.failed > 0 ? 1 : 0,
    )
    return reportOf(outcome)
  }

  private openRun(settings: WandbSettings, session: SessionStart): WandbRun {
    // Read once for the session, as it started.
    const git = {
      commit: session.gitCommit ?? undefined,
      branch: session.gitBranch ?? undefined,
      remoteUrl: session.gitRemote ?? undefined,
    }
    return new WandbRun({
      settings,
      git,
      startedAtMs: session.startedAtMs,
      producer: `vitest-wandb ${packageVersion()}`,
      timeoutMs: settings.timeoutMs,
      announce: this.context.log,
      config: configValues({
        vitestWandbVersion: packageVersion(),
        vitestVersion: session.vitestVersion,
        nodeVersion: session.nodeVersion,
        gitCommit: git.commit,
        gitBranch: git.branch,
        shard: session.shard,
        baselineRun: session.baseline,
      }),
    })
  }
}

function reportOf(outcome: RunOutcome): SinkReport {
  const dir = displayPath(outcome.dir)
  const sync = `upload it with \`npx vitest-wandb sync ${dir}\` (or \`wandb sync ${dir}\`)`
  switch (outcome.kind) {
    case 'online':
      return { label: LABEL, location: outcome.url }
    case 'offline':
      return { label: 'W&B offline run', location: dir, hint: sync }
    case 'fallback':
      warn(fallbackWarning(outcome, `the session was saved to ${dir}`, sync))
      return { label: 'W&B offline run (not uploaded)', location: dir, hint: sync }
  }
}
