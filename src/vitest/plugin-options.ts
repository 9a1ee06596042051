import { isTokenizerEncoding, TOKENIZER_ENCODINGS } from '../trace/token-counter.js'
import type { TokenizerEncoding } from '../trace/token-counter.js'

import { DEFAULT_KEEP_SESSION_FILES } from '../session/session-file.js'
import { DEFAULT_TIMEOUT_MS, WANDB_MODES } from '../wandb/settings.js'
import type { WandbMode } from '../wandb/settings.js'

export type { WandbMode } from '../wandb/settings.js'

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
  /** The longest the session waits on W&B at any point before saving the run offline (30 s by default). */
  readonly timeoutMs?: number
  /**
   * Trace LlamaIndex.TS in every test without instrumenting anything: attaches the adapter to
   * `Settings.callbackManager` in each test worker (off by default: loading llamaindex takes about a second).
   */
  readonly llamaindex?: boolean
}

export interface ResolvedPluginOptions {
  readonly project: string | undefined
  readonly entity: string | undefined
  readonly name: string | undefined
  readonly group: string | undefined
  readonly tags: readonly string[]
  readonly notes: string | undefined
  readonly mode: WandbMode | undefined
  readonly dir: string | undefined
  readonly maxPayloadChars: number | undefined
  readonly tokenizer: TokenizerEncoding | undefined
  readonly sessionFile: boolean
  readonly keepSessionFiles: number
  readonly wandbInWatchMode: boolean
  readonly timeoutMs: number
  readonly llamaindex: boolean
}

type Environment = Readonly<Record<string, string | undefined>>

/** Merges options with the environment and checks them; a bad value is a clear error at config time. */
export function resolvePluginOptions(
  options: WandbPluginOptions,
  env: Environment,
): ResolvedPluginOptions {
  const mode = options.mode ?? nonEmpty(env['WANDB_MODE'])
  if (mode !== undefined && !(WANDB_MODES as readonly string[]).includes(mode)) {
    throw new TypeError(
      `vitest-wandb: mode must be one of ${WANDB_MODES.join(', ')}; got "${mode}".`,
    )
  }
  if (options.tokenizer !== undefined && !isTokenizerEncoding(options.tokenizer)) {
    throw new TypeError(
      `vitest-wandb: tokenizer must be one of ${TOKENIZER_ENCODINGS.join(', ')}; got "${String(options.tokenizer)}".`,
    )
  }
  const maxPayloadChars = options.maxPayloadChars
  if (
    maxPayloadChars !== undefined &&
    (!Number.isInteger(maxPayloadChars) || maxPayloadChars < 16)
  ) {
    throw new TypeError(
      `vitest-wandb: maxPayloadChars must be a whole number of at least 16; got ${String(maxPayloadChars)}.`,
    )
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(
      `vitest-wandb: timeoutMs must be a positive number of milliseconds; got ${String(timeoutMs)}.`,
    )
  }
  return {
    project: options.project ?? nonEmpty(env['WANDB_PROJECT']),
    entity: options.entity ?? nonEmpty(env['WANDB_ENTITY']),
    name: options.name ?? nonEmpty(env['WANDB_NAME']),
    group: options.group ?? nonEmpty(env['WANDB_RUN_GROUP']),
    tags: options.tags ?? commaList(env['WANDB_TAGS']),
    notes: options.notes ?? nonEmpty(env['WANDB_NOTES']),
    mode: mode as WandbMode | undefined,
    dir: options.dir ?? nonEmpty(env['WANDB_DIR']),
    maxPayloadChars,
    tokenizer: options.tokenizer,
    sessionFile: options.sessionFile ?? true,
    keepSessionFiles: keepSessionFiles(options.keepSessionFiles),
    wandbInWatchMode: options.wandbInWatchMode ?? false,
    timeoutMs,
    llamaindex: options.llamaindex ?? false,
  }
}

function keepSessionFiles(value: number | undefined): number {
  const keep = value ?? DEFAULT_KEEP_SESSION_FILES
  if (!Number.isInteger(keep) || keep < 1) {
    throw new TypeError(
      `vitest-wandb: keepSessionFiles must be a whole number of at least 1; got ${String(keep)}.`,
    )
  }
  return keep
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed === undefined || trimmed === '' ? undefined : trimmed
}

function commaList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
}
