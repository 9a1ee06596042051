import { isTokenizerEncoding, TOKENIZER_ENCODINGS } from '../trace/token-counter.js'
import type { TokenizerEncoding } from '../trace/token-counter.js'
import type { Problem } from '../problem.js'
import { runChoicesProblem } from '../wandb/run-choices.js'
import type { ChoicesSource } from '../wandb/run-choices.js'
import { settingProblem } from '../wandb/setting-rules.js'
import type { Environment } from '../wandb/environment-reader.js'
import type { WandbMode } from '../wandb/wandb-mode.js'

import { DEFAULT_KEEP_SESSION_FILES } from '../session/session-file.js'

export type { WandbMode } from '../wandb/wandb-mode.js'

/** Options of the `wandb()` plugin; unset ones fall back to the `WANDB_*` environment variables. */
export interface WandbPluginOptions {
  /** W&B project (`WANDB_PROJECT`). */
  readonly project?: string
  /** W&B entity: user or team (`WANDB_ENTITY`). */
  readonly entity?: string
  /** Display name of the session's run (`WANDB_NAME`). */
  readonly name?: string
  /** Run group, e.g. to gather a CI pipeline's runs (`WANDB_RUN_GROUP`). */
  readonly group?: string
  /** Run tags (`WANDB_TAGS`, comma separated). */
  readonly tags?: readonly string[]
  /** Run notes (`WANDB_NOTES`). */
  readonly notes?: string
  /** `online`, `offline` or `disabled` (`WANDB_MODE`). */
  readonly mode?: WandbMode
  /** Directory for offline runs (`WANDB_DIR`; the project root by default). */
  readonly dir?: string
  /** Characters kept of any one payload string (4096 by default). */
  readonly maxPayloadChars?: number
  /** js-tiktoken encoding used when an LLM reports no usage (`cl100k_base` by default). */
  readonly tokenizer?: TokenizerEncoding
  /** Write the local session file under `.vitest-wandb/` (on by default). */
  readonly sessionFile?: boolean
  /** Session files kept under `.vitest-wandb/`, the newest ones; older ones are deleted (20 by default). */
  readonly keepSessionFiles?: number
  /** Log watch-mode sessions to W&B too, each run (the first and every rerun) a run of its own (off by default). */
  readonly wandbInWatchMode?: boolean
  /**
   * The longest the session waits on W&B at any point before saving the run offline
   * (`VITEST_WANDB_TIMEOUT_MS`; 30 s by default).
   */
  readonly timeoutMs?: number
  /**
   * Trace LlamaIndex.TS in every test without instrumenting anything: attaches the adapter to
   * `Settings.callbackManager` in each test worker (off by default: loading llamaindex takes about a second).
   */
  readonly llamaindex?: boolean
  /**
   * Session gates by score name: when a score's mean over the session's tests is under its
   * threshold, or no test recorded it, the run ends with exit code 1 and a line saying which.
   */
  readonly thresholds?: Readonly<Record<string, number>>
  /**
   * Compares each session with a baseline when it ends: `'previous'` (the newest earlier session
   * file), `'branch:<name>'` (the newest finished W&B run of the project on that git branch) or a
   * path `vitest-wandb diff` takes. The summary says what changed; with `GITHUB_STEP_SUMMARY` set,
   * the markdown report is appended there. A baseline that cannot be found costs one warning.
   */
  readonly compareTo?: 'previous' | `branch:${string}` | (string & {})
  /**
   * Writes the session's HTML report when it ends (with the comparison when `compareTo` is set):
   * `true` for `.vitest-wandb/report.html`, or a path (from the project root). Off by default.
   */
  readonly report?: boolean | string
}

/** The options, checked, and the environment that the settings left unset are read from when the session starts. */
export interface ResolvedPluginOptions {
  readonly project: string | undefined
  readonly entity: string | undefined
  readonly name: string | undefined
  readonly group: string | undefined
  readonly tags: readonly string[] | undefined
  readonly notes: string | undefined
  readonly mode: WandbMode | undefined
  readonly dir: string | undefined
  readonly maxPayloadChars: number | undefined
  readonly tokenizer: TokenizerEncoding | undefined
  readonly sessionFile: boolean
  readonly keepSessionFiles: number
  readonly wandbInWatchMode: boolean
  readonly timeoutMs: number | undefined
  readonly llamaindex: boolean
  readonly thresholds: Readonly<Record<string, number>>
  readonly compareTo: string | undefined
  readonly report: boolean | string
  readonly env: Environment
}

const MIN_PAYLOAD_CHARS = 16

// A mistake in the Vitest config is the user's to fix there: it stops the run before any test.
const PLUGIN_OPTIONS: ChoicesSource = {
  label: (option) => `wandb({ ${option} })`,
  fix: 'fix it in the Vitest config, or leave it out',
}

/**
 * Checks the options; a bad one is a clear error at config time, naming the option and the fix. The
 * environment is checked when the session reads it: a bad variable costs a warning, never the run.
 */
export function resolvePluginOptions(
  options: WandbPluginOptions,
  env: Environment,
): ResolvedPluginOptions {
  const problem =
    runChoicesProblem(options, PLUGIN_OPTIONS) ??
    workerOptionsProblem(options) ??
    thresholdsProblem(options.thresholds) ??
    compareToProblem(options.compareTo) ??
    reportProblem(options.report)
  if (problem !== undefined) throw new TypeError(`vitest-wandb: ${problem.what} — ${problem.fix}.`)
  return {
    project: options.project,
    entity: options.entity,
    name: options.name,
    group: options.group,
    tags: options.tags,
    notes: options.notes,
    mode: options.mode,
    dir: options.dir,
    maxPayloadChars: options.maxPayloadChars,
    tokenizer: options.tokenizer,
    sessionFile: options.sessionFile ?? true,
    keepSessionFiles: options.keepSessionFiles ?? DEFAULT_KEEP_SESSION_FILES,
    wandbInWatchMode: options.wandbInWatchMode ?? false,
    timeoutMs: options.timeoutMs,
    llamaindex: options.llamaindex ?? false,
    thresholds: { ...options.thresholds },
    compareTo: options.compareTo,
    report: options.report ?? false,
    env,
  }
}

function workerOptionsProblem({
  tokenizer,
  maxPayloadChars,
  keepSessionFiles,
}: WandbPluginOptions): Problem | undefined {
  const { label, fix } = PLUGIN_OPTIONS
  if (
    keepSessionFiles !== undefined &&
    (!Number.isInteger(keepSessionFiles) || keepSessionFiles < 1)
  )
    return settingProblem(
      label('keepSessionFiles'),
      'a whole number of at least 1',
      keepSessionFiles,
      fix,
    )
  if (tokenizer !== undefined && !isTokenizerEncoding(tokenizer))
    return settingProblem(
      label('tokenizer'),
      `one of ${TOKENIZER_ENCODINGS.join(', ')}`,
      tokenizer,
      fix,
    )
  if (
    maxPayloadChars !== undefined &&
    (!Number.isInteger(maxPayloadChars) || maxPayloadChars < MIN_PAYLOAD_CHARS)
  ) {
    return settingProblem(
      label('maxPayloadChars'),
      `a whole number of at least ${MIN_PAYLOAD_CHARS}`,
      maxPayloadChars,
      fix,
    )
  }
  return undefined
}

function thresholdsProblem(thresholds: unknown): Problem | undefined {
  if (thresholds === undefined) return undefined
  const { label, fix } = PLUGIN_OPTIONS
  if (typeof thresholds !== 'object' || thresholds === null || Array.isArray(thresholds)) {
    return settingProblem(
      label('thresholds'),
      'an object of score names and numbers',
      thresholds,
      fix,
    )
  }
  for (const [name, threshold] of Object.entries(thresholds)) {
    if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
      return settingProblem(label(`thresholds: { '${name}' }`), 'a finite number', threshold, fix)
    }
  }
  return undefined
}

function compareToProblem(compareTo: unknown): Problem | undefined {
  if (compareTo === undefined || (typeof compareTo === 'string' && compareTo.trim() !== ''))
    return undefined
  return settingProblem(
    PLUGIN_OPTIONS.label('compareTo'),
    "'previous', 'branch:<name>' or a path to a session",
    compareTo,
    PLUGIN_OPTIONS.fix,
  )
}

function reportProblem(report: unknown): Problem | undefined {
  if (report === undefined || typeof report === 'boolean') return undefined
  if (typeof report === 'string' && report.trim() !== '') return undefined
  return settingProblem(
    PLUGIN_OPTIONS.label('report'),
    'true, false or the path of the HTML file',
    report,
    PLUGIN_OPTIONS.fix,
  )
}
