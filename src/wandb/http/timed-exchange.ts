import type { HttpResult } from './http-result.js'
import { networkFailure } from './network-failure.js'

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504])

/**
 * One exchange under a timeout; the timer is always cleared and nothing is thrown. `cancel` ends
 * it early (a session that can wait no longer). Network errors and timeouts can be retried. The
 * exchange calls `answered` once a response has begun, so that a reset after it is not taken for
 * a server that is not there.
 */
export async function timedExchange(
  exchange: (signal: AbortSignal, answered: () => void) => Promise<HttpResult>,
  timeoutMs: number,
  cancel?: AbortSignal,
): Promise<HttpResult> {
  let responded = false
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), timeoutMs)
  const onCancel = (): void => abort.abort()
  cancel?.addEventListener('abort', onCancel)
  try {
    if (cancel?.aborted) return { kind: 'failure', reason: 'cancelled' }
    return await exchange(abort.signal, () => (responded = true))
  } catch (error) {
    if (cancel?.aborted) return { kind: 'failure', reason: 'cancelled' }
    if (abort.signal.aborted)
      return { kind: 'retryable', reason: `timed out after ${timeoutMs} ms` }
    return networkFailure(error, responded)
  } finally {
    clearTimeout(timer)
    cancel?.removeEventListener('abort', onCancel)
  }
}

/** A non-2xx status as a result: retryable for the statuses worth another try, else a failure. */
export function statusResult(status: number, body: string, retryAfter: string | null): HttpResult {
  const text = body.trim().replace(/\s+/g, ' ')
  const reason = `HTTP ${status}${text === '' ? '' : `: ${text.slice(0, 200)}`}`
  if (!RETRYABLE_STATUSES.has(status)) return { kind: 'failure', status, reason }
  const retryAfterMs = parseRetryAfter(retryAfter)
  return {
    kind: 'retryable',
    status,
    reason,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  }
}

/** A response that is not 2xx, as a result (its body read and cut short for the message). */
export async function errorResult(response: Response): Promise<HttpResult> {
  const text = await response.text().catch(() => '')
  return statusResult(response.status, text, response.headers.get('retry-after'))
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now. */
export function parseRetryAfter(
  header: string | null,
  now: number = Date.now(),
): number | undefined {
  if (header === null || header.trim() === '') return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
