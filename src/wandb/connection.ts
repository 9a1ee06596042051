import type { Problem } from '../problem.js'
import { warn } from '../warnings.js'
import { apiKeyProblem } from './api-key.js'
import { EnvironmentReader } from './environment-reader.js'
import { DEFAULT_TIMEOUT_MS } from './http/deadline.js'
import type { Environment } from './environment-reader.js'
import { BASE_URL_RULE, settingProblem, TIMEOUT_RULE } from './setting-rules.js'
import { withoutCredentials } from './without-credentials.js'

export const DEFAULT_BASE_URL = 'https://api.wandb.ai'

/** How to reach W&B; `problem` tells the first of these settings that W&B would refuse. */
export interface Connection {
  readonly baseUrl: string
  readonly appUrl: string
  readonly apiKey: string | undefined
  readonly timeoutMs: number
  readonly problem: Problem | undefined
}

/**
 * The API address (WANDB_BASE_URL), the key (WANDB_API_KEY, else the netrc entry of the API host, as
 * W&B's own client reads it) and the timeout (the option, else VITEST_WANDB_TIMEOUT_MS).
 */
export function resolveConnection(
  timeoutMs: number | undefined,
  env: Environment,
  readNetrc: (host: string) => string | undefined,
): Connection {
  const reader = new EnvironmentReader(env)
  const baseUrl = baseUrlOf(env['WANDB_BASE_URL']?.trim() || DEFAULT_BASE_URL)
  if (!BASE_URL_RULE.accepts(baseUrl)) {
    reader.tell(
      settingProblem(
        'WANDB_BASE_URL',
        BASE_URL_RULE.expected,
        baseUrl,
        'fix WANDB_BASE_URL or unset it',
      ),
    )
  }
  const appUrl = appUrlOf(baseUrl)
  const apiKey = apiKeyOf(env, baseUrl, appUrl, readNetrc, reader)
  const fromEnv =
    timeoutMs === undefined ? reader.read('VITEST_WANDB_TIMEOUT_MS', TIMEOUT_RULE) : undefined
  return {
    baseUrl,
    appUrl,
    apiKey,
    timeoutMs: timeoutMs ?? (fromEnv === undefined ? DEFAULT_TIMEOUT_MS : Number(fromEnv)),
    problem: reader.problem,
  }
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

// The key is never shown, only what is wrong with it.
function apiKeyOf(
  env: Environment,
  baseUrl: string,
  appUrl: string,
  readNetrc: (host: string) => string | undefined,
  reader: EnvironmentReader,
): string | undefined {
  const fromEnv = env['WANDB_API_KEY']?.trim() || undefined
  const host = hostOf(baseUrl)
  const key = fromEnv ?? readNetrc(host)
  const problem = key === undefined ? undefined : apiKeyProblem(key)
  if (problem !== undefined) {
    reader.tell({
      what: `${fromEnv === undefined ? `the API key for ${host} in ~/.netrc` : 'WANDB_API_KEY'} is not a W&B API key (${problem})`,
      fix: `set WANDB_API_KEY to your key from ${appUrl}/authorize, or run \`wandb login --relogin\``,
    })
  }
  return key
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).hostname
  } catch {
    return baseUrl
  }
}
