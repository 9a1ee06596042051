import type { Problem } from '../problem.js'
import { isWandbMode, WANDB_MODES } from './wandb-mode.js'

/** What a valid value of a setting is: a phrase that completes "must be …", and the check. */
export interface SettingRule {
  readonly expected: string
  readonly accepts: (value: string) => boolean
}

// Control characters are never meant in a name, and would break one-line messages.
const CONTROL = /\p{Cc}/u
const MAX_NAME_CHARS = 128
const MAX_TAG_CHARS = 64
const MAX_SHOWN_CHARS = 80

export const MODE_RULE: SettingRule = {
  expected: `one of ${WANDB_MODES.join(', ')}`,
  accepts: isWandbMode,
}

// W&B's own client refuses projects with these characters, or longer than 128.
export const PROJECT_RULE: SettingRule = {
  expected: 'a W&B project name (1 to 128 characters, none of / \\ # ? % :)',
  accepts: (value) => isName(value) && !/[/\\#?%:]/.test(value),
}

// Entities are user and team names: they go into every run path and URL as they are.
export const ENTITY_RULE: SettingRule = {
  expected: 'a W&B user or team name (no spaces, none of / \\ # ? % :)',
  accepts: (value) => isName(value) && !/[\s/\\#?%:]/.test(value),
}

// W&B's client refuses : ; , # ? / ' in run ids; spaces, \ and .. would break the run folder's
// name, or the sync command printed with it.
export const RUN_ID_RULE: SettingRule = {
  expected: `a W&B run id (1 to 128 characters, no spaces or "..", none of / \\ : ; , # ? ')`,
  accepts: (value) => isName(value) && !/[\s/\\:;,#?']/.test(value) && !value.includes('..'),
}

export const LINE_RULE: SettingRule = {
  expected: 'one line of text (no control characters)',
  accepts: (value) => !CONTROL.test(value),
}

// W&B's client takes tags of 1 to 64 characters.
export const TAG_RULE: SettingRule = {
  expected: 'tags of 1 to 64 characters each',
  accepts: (value) => value.trim() !== '' && value.length <= MAX_TAG_CHARS && !CONTROL.test(value),
}

export const BASE_URL_RULE: SettingRule = {
  expected: 'the http(s) address of the W&B API, such as https://api.wandb.ai',
  accepts: isApiAddress,
}

export const TIMEOUT_RULE: SettingRule = {
  expected: 'a positive number of milliseconds',
  accepts: (value) => Number.isFinite(Number(value)) && Number(value) > 0,
}

/** `<source> must be <expected>; got <value>`, with the fix. */
export function settingProblem(
  source: string,
  expected: string,
  value: unknown,
  fix: string,
): Problem {
  return { what: `${source} must be ${expected}; got ${shown(value)}`, fix }
}

function shown(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value))
  return text.length <= MAX_SHOWN_CHARS ? text : `${text.slice(0, MAX_SHOWN_CHARS - 1)}…`
}

function isName(value: string): boolean {
  return (
    value !== '' && value.trim() === value && value.length <= MAX_NAME_CHARS && !CONTROL.test(value)
  )
}

// W&B's client refuses its web app's address (wandb.ai, app.wandb.ai) where the API's is wanted.
function isApiAddress(value: string): boolean {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return false
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
  return !/(^|\.)wandb\.ai$/.test(url.hostname) || url.hostname.startsWith('api.')
}
