import type { ApiFailure } from '../graphql-client.js'

/**
 * Whether a failed sync can succeed by running it again: `key-rejected` (W&B answered 401 or 403
 * to the API key), `transient` (no answer in time, no connection, a busy or failing server), or
 * `permanent` (anything else: a refusal or a local problem that stays until it is fixed).
 */
export type SyncFailureCause = 'key-rejected' | 'transient' | 'permanent'

// Failures with no status of W&B's API (a storage upload, a timeout) are read from their reason.
const TRANSIENT = /\bHTTP (408|429|5\d\d)\b|timed out|connection failed|no time left/

/** The cause of a failure: by the status W&B's API answered, else by its reason. */
export function syncFailureCause({ reason, status }: Omit<ApiFailure, 'ok'>): SyncFailureCause {
  if (status === 401 || status === 403) return 'key-rejected'
  if (status !== undefined)
    return status === 408 || status === 429 || status >= 500 ? 'transient' : 'permanent'
  return TRANSIENT.test(reason) ? 'transient' : 'permanent'
}
