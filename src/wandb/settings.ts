import { randomInt } from 'node:crypto'
import { warn } from '../warnings.js'
import { netrcPassword } from './netrc.js'
import { withoutCredentials } from './without-credentials.js'

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
}

export const WANDB_MODES = ['online', 'offline', 'disabled'] as const
export type WandbMode = (typeof WANDB_MODES)[number]

/** The longest a session waits on W&B at any point before saving its run offline. */
export const DEFAULT_TIMEOUT_MS = 30_000

type Environment = Readonly<Record<string, string | undefined>>

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
}

export const DEFAULT_BASE_URL = 'https://api.wandb.ai'
export const DEFAULT_PROJECT = 'uncategorized'
const RUN_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/**
 * Settings as W&B's own SDK reads them: the key from WANDB_API_KEY or the netrc entry of the API
 * host; `online` when a key is found and no mode is set, else `offline`.
 */
export function resolveWandbSettings(
  options: RunChoices,
  env: Environment,
  root: string,
  readNetrc: (host: string) => string | undefined = netrcPassword,
): WandbSettings {
  const baseUrl = baseUrlOf(env['WANDB_BASE_URL']?.trim() || DEFAULT_BASE_URL)
  const apiKey = env['WANDB_API_KEY']?.trim() || readNetrc(hostOf(baseUrl))
  return {
    mode: options.mode ?? (apiKey === undefined ? 'offline' : 'online'),
    apiKey,
    baseUrl,
    appUrl: appUrlOf(baseUrl),
    entity: options.entity,
    project: options.project ?? DEFAULT_PROJECT,
    runId: env['WANDB_RUN_ID']?.trim() || newRunId(),
    name: options.name,
    group: options.group,
    jobType: env['WANDB_JOB_TYPE']?.trim() || undefined,
    tags: options.tags ?? [],
    notes: options.notes,
    dir: options.dir ?? root,
  }
}

/**
 * The API address without credentials or a query, which are never sent nor printed: W&B takes the
 * API key alone, and fetch refuses an address with credentials, naming them in its error.
 */
function baseUrlOf(given: string): string {
  const clean = withoutCredentials(given)
  const baseUrl = clean.replace(/\/+$/, '')
  if (clean !== given) {
    warn(
      `WANDB_BASE_URL holds credentials or a query, which are not sent (W&B is authenticated by the API key alone); using ${baseUrl} — remove them from WANDB_BASE_URL.`,
    )
  }
  return baseUrl
}

/** The web app's address for an API address: the host without `api.`. */
export function appUrlOf(baseUrl: string): string {
  try {
    const url = new URL(baseUrl)
    url.hostname = url.hostname.replace(/^api\./, '')
    return url.origin
  } catch {
    return baseUrl
  }
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

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).hostname
  } catch {
    return baseUrl
  }
}
