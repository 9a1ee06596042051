import { packageVersion } from '../package-version.js'
import { addStats, emptyStats, toWandbTraceTree } from '../trace/span.js'
import type { TraceTree } from '../trace/span.js'
import type { TraceSink } from '../trace/trace-sink.js'
import { problemLine } from '../problem.js'
import type { Problem } from '../problem.js'
import { describeError, warn } from '../warnings.js'
import { fallbackWarning } from '../wandb/fallback-warning.js'
import { readGitFacts } from '../wandb/git-facts.js'
import { runChoicesProblem } from '../wandb/run-choices.js'
import type { ChoicesSource } from '../wandb/run-choices.js'
import { runFolderFailure } from '../wandb/run-folder.js'
import { resolveWandbSettings } from '../wandb/settings.js'
import type { RunChoices, WandbSettings } from '../wandb/settings.js'
import { WandbRun } from '../wandb/wandb-run.js'
import type { RunOutcome } from '../wandb/wandb-run.js'

/** How a standalone handler opens its W&B run (the seed's `run_args`); unset values come from `WANDB_*`. */
export type WandbRunArgs = RunChoices

const NOT_LOGGED = 'traces are not logged to W&B (they stay in handler.traces)'

// Tracing never throws into user code: a bad runArgs value is a warning, like a bad variable.
const RUN_ARGS: ChoicesSource = {
  label: (option: string) => `runArgs.${option}`,
  fix: 'fix it where the handler is made, or leave it out',
}

interface ActiveRun {
  readonly run: WandbRun
  readonly stats: ReturnType<typeof emptyStats>
  traces: number
}

// Like W&B's own SDK, one run is active per process: handlers made while it is open log into it.
let active: ActiveRun | undefined

/**
 * Logs each finished trace as a `{trace}` history row of the process's active W&B run, starting one
 * when none is open; `shutdown` ends it and says where it went.
 */
export class WandbTraceSink implements TraceSink {
  constructor(private readonly runArgs: WandbRunArgs) {
    this.activeRun()
  }

  export(trace: TraceTree): void {
    const current = this.activeRun()
    if (current === undefined) return
    current.run.log({ trace: { ...toWandbTraceTree(trace.rootSpan) } })
    current.traces += 1
    addStats(current.stats, trace.stats)
  }

  /** The run this sink logs to, for artifacts the handler persists. */
  currentRun(): WandbRun | undefined {
    return this.activeRun()?.run
  }

  async shutdown(): Promise<void> {
    const ending = active
    active = undefined
    if (ending === undefined) return
    const { stats } = ending
    const outcome = await ending.run.finish(
      {
        traces: ending.traces,
        'spans/total': stats.spans,
        'llm_calls/total': stats.llmCalls,
        'tokens/total': stats.totalTokens,
      },
      0,
    )
    announce(outcome)
  }

  private activeRun(): ActiveRun | undefined {
    if (active !== undefined) return active
    try {
      const problem = runChoicesProblem(this.runArgs, RUN_ARGS)
      if (problem !== undefined) return notLogged(problem)
      const settings = resolveWandbSettings(this.runArgs, process.env, process.cwd())
      if (settings.trouble?.outcome === 'off') return notLogged(settings.trouble.problem)
      const run = settings.mode === 'disabled' ? undefined : openRun(settings)
      if (run !== undefined) active = { run, stats: emptyStats(), traces: 0 }
      return active
    } catch (error) {
      warn(`could not start a W&B run (${describeError(error)}); ${NOT_LOGGED}.`)
      return undefined
    }
  }
}

function openRun(settings: WandbSettings): WandbRun | undefined {
  try {
    return new WandbRun({
      settings,
      config: { vitest_wandb_version: packageVersion(), node_version: process.version },
      git: readGitFacts(process.cwd(), process.env),
      startedAtMs: Date.now(),
      producer: `vitest-wandb ${packageVersion()}`,
      timeoutMs: settings.timeoutMs,
      announce: (line) => process.stdout.write(`${line}\n`),
    })
  } catch (error) {
    return notLogged(runFolderFailure(settings.dir, settings.dirSource, error))
  }
}

function notLogged(problem: Problem): undefined {
  warn(problemLine(problem, NOT_LOGGED))
  return undefined
}

function announce(outcome: RunOutcome): void {
  const sync = `upload it with \`npx vitest-wandb sync ${outcome.dir}\``
  if (outcome.kind === 'offline')
    process.stdout.write(`vitest-wandb: traces saved to the offline run ${outcome.dir}; ${sync}.\n`)
  if (outcome.kind === 'fallback')
    warn(fallbackWarning(outcome, `the traces were saved to ${outcome.dir}`, sync))
}
