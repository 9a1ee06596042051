/**
 * Whether a failed sync can succeed by running it again: `key-rejected` (W&B answered 401 or 403
 * to the API key), `transient` (no answer in time, no connection, a busy or failing server), or
 * `permanent` (anything else: a refusal or a local problem that stays until it is fixed).
 */
export type SyncFailureCause = 'key-rejected' | 'transient' | 'permanent'

const TRANSIENT = /\bHTTP (408|429|5\d\d)\b|timed out|connection failed|no time left/

const KEY_REJECTED = /^(W&B rejected the API key \()?HTTP 40[13]\b/

/**
 * The cause of a failure, from its reason as W&B's client words it (`W&B rejected the API key
 * (HTTP 401)`, `HTTP 403: …`, `timed out after …`).
 */
export function syncFailureCause(reason: string): SyncFailureCause {
  if (KEY_REJECTED.test(reason)) return 'key-rejected'
  return TRANSIENT.test(reason) ? 'transient' : 'permanent'
}
