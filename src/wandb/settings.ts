import { randomInt } from 'node:crypto'
import type { Problem } from '../problem.js'
import { resolveConnection } from './connection.js'
import type { Connection } from './connection.js'
import { EnvironmentReader } from './environment-reader.js'
import type { Environment } from './environment-reader.js'
import { netrcPassword } from './netrc.js'
import {
  ENTITY_RULE,
  LINE_RULE,
  MODE_RULE,
  PROJECT_RULE,
  RUN_ID_RULE,
  TAG_RULE,
} from './setting-rules.js'
import { isWandbMode } from './wandb-mode.js'
import type { WandbMode } from './wandb-mode.js'

export { appUrlOf, DEFAULT_BASE_URL } from './connection.js'
export { DEFAULT_TIMEOUT_MS } from './http/deadline.js'

/** Everything needed to open a run; `apiKey` is never printed, logged or written to a file. */
export interface WandbSettings {
  readonly mode: WandbMode
  readonly apiKey: string | undefined
  readonly baseUrl: string
  readonly appUrl: string
  readonly entity: string | undefined
  readonly project: string
  readonly runId: string
  readonly name: string | undefined
  readonly group: string | undefined
  readonly jobType: string | undefined
  readonly tags: readonly string[]
  readonly notes: string | undefined
  /** The folder that holds `wandb/` (offline and fallback runs). */
  readonly dir: string
  /** What chose `dir`, for messages about it. */
  readonly dirSource: DirSource
  /** The longest any one wait on W&B may take. */
  readonly timeoutMs: number
  /** A setting W&B would refuse, and what it changes: `mode` is already what it leads to. */
  readonly trouble?: SettingTrouble
}

export type DirSource = 'option' | 'WANDB_DIR' | 'root'

/**
 * A setting of the environment that W&B would refuse. A wrong run (mode, name, place) is not
 * logged at all (`off`); a wrong way to reach W&B (address, key, timeout) is saved `offline`.
 */
export interface SettingTrouble {
  readonly outcome: 'off' | 'offline'
  readonly problem: Problem
}

/** What a caller chose for the run; anything unset falls back to the environment or W&B's defaults. */
export interface RunChoices {
  readonly project?: string | undefined
  readonly entity?: string | undefined
  readonly name?: string | undefined
  readonly group?: string | undefined
  readonly tags?: readonly string[] | undefined
  readonly notes?: string | undefined
  readonly mode?: WandbMode | undefined
  readonly dir?: string | undefined
  readonly timeoutMs?: number | undefined
}

export const DEFAULT_PROJECT = 'uncategorized'
const RUN_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/**
 * Settings as W&B's own SDK reads them: the choices, else the `WANDB_*` variables, else W&B's
 * defaults; `online` when a key is found and no mode is set, else `offline`. The choices are taken
 * as given (their callers check them); a variable W&B would refuse is left out and told as `trouble`.
 */
export function resolveWandbSettings(
  choices: RunChoices,
  env: Environment,
  root: string,
  readNetrc: (host: string) => string | undefined = netrcPassword,
): WandbSettings {
  const reader = new EnvironmentReader(env)
  const chosenMode = choices.mode ?? modeOf(reader.read('WANDB_MODE', MODE_RULE))
  const connection = resolveConnection(choices.timeoutMs, env, readNetrc)
  const run = runOf(choices, reader)
  const mode = chosenMode ?? (connection.apiKey === undefined ? 'offline' : 'online')
  const trouble = troubleOf(mode, reader.problem, connection)
  return {
    mode: trouble === undefined ? mode : trouble.outcome === 'off' ? 'disabled' : 'offline',
    apiKey: connection.apiKey,
    baseUrl: connection.baseUrl,
    appUrl: connection.appUrl,
    timeoutMs: connection.timeoutMs,
    ...run,
    ...dirOf(choices, env, root),
    ...(trouble === undefined ? {} : { trouble }),
  }
}

function runOf(choices: RunChoices, reader: EnvironmentReader) {
  return {
    project: choices.project ?? reader.read('WANDB_PROJECT', PROJECT_RULE) ?? DEFAULT_PROJECT,
    entity: choices.entity ?? reader.read('WANDB_ENTITY', ENTITY_RULE),
    runId: reader.read('WANDB_RUN_ID', RUN_ID_RULE) ?? newRunId(),
    name: choices.name ?? reader.read('WANDB_NAME', LINE_RULE),
    group: choices.group ?? reader.read('WANDB_RUN_GROUP', LINE_RULE),
    jobType: reader.read('WANDB_JOB_TYPE', LINE_RULE),
    tags: choices.tags ?? reader.readList('WANDB_TAGS', TAG_RULE) ?? [],
    notes: choices.notes ?? reader.read('WANDB_NOTES'),
  }
}

function dirOf(choices: RunChoices, env: Environment, root: string) {
  if (choices.dir !== undefined) return { dir: choices.dir, dirSource: 'option' as const }
  const fromEnv = env['WANDB_DIR']?.trim()
  if (fromEnv) return { dir: fromEnv, dirSource: 'WANDB_DIR' as const }
  return { dir: root, dirSource: 'root' as const }
}

// Nothing is logged when disabled, so nothing else matters; the way to W&B only matters online.
function troubleOf(
  mode: WandbMode,
  runProblem: Problem | undefined,
  connection: Connection,
): SettingTrouble | undefined {
  if (mode === 'disabled') return undefined
  if (runProblem !== undefined) return { outcome: 'off', problem: runProblem }
  if (mode === 'online' && connection.problem !== undefined)
    return { outcome: 'offline', problem: connection.problem }
  return undefined
}

function modeOf(value: string | undefined): WandbMode | undefined {
  return isWandbMode(value) ? value : undefined
}

export function runUrl(
  settings: Pick<WandbSettings, 'appUrl' | 'project' | 'runId'>,
  entity: string,
): string {
  return `${settings.appUrl}/${encodeURIComponent(entity)}/${encodeURIComponent(settings.project)}/runs/${settings.runId}`
}

/** Eight characters of [a-z0-9], like the ids W&B gives runs. */
export function newRunId(): string {
  let id = ''
  for (let index = 0; index < 8; index += 1)
    id += RUN_ID_ALPHABET[randomInt(RUN_ID_ALPHABET.length)]
  return id
}
