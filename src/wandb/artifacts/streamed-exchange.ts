import type { HttpResult } from '../http/http-result.js'
import { parseRetryAfter } from '../http/send-request.js'
import { DEFAULT_RETRY_POLICY } from '../http/send-with-retries.js'
import type { RetryPolicy } from '../http/send-with-retries.js'

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504])
// The slowest link a transfer is given time for before it counts as stuck.
const MIN_BYTES_PER_S = 256 * 1024

/** The retry policy for moving `bytes`: the per-request timeout grows with the size. */
export function transferPolicy(
  bytes: number,
  base: RetryPolicy = DEFAULT_RETRY_POLICY,
): RetryPolicy {
  return { ...base, requestTimeoutMs: base.requestTimeoutMs + transferMs(bytes) }
}

export function transferMs(bytes: number): number {
  return Math.ceil((bytes / MIN_BYTES_PER_S) * 1000)
}

/**
 * One exchange whose body is streamed, under a timeout; the timer is always cleared and nothing is
 * thrown. Failures are classified as `sendRequest` does: network errors and timeouts can be retried.
 */
export async function streamedExchange(
  exchange: (signal: AbortSignal) => Promise<HttpResult>,
  timeoutMs: number,
  cancel?: AbortSignal,
): Promise<HttpResult> {
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), timeoutMs)
  const onCancel = (): void => abort.abort()
  cancel?.addEventListener('abort', onCancel)
  try {
    if (cancel?.aborted) return { kind: 'failure', reason: 'cancelled' }
    return await exchange(abort.signal)
  } catch (error) {
    if (cancel?.aborted) return { kind: 'failure', reason: 'cancelled' }
    if (abort.signal.aborted)
      return { kind: 'retryable', reason: `timed out after ${timeoutMs} ms` }
    return { kind: 'retryable', reason: networkReason(error) }
  } finally {
    clearTimeout(timer)
    cancel?.removeEventListener('abort', onCancel)
  }
}

/** A response that is not 2xx, as a result (its body read and cut short for the message). */
export async function errorResult(response: Response): Promise<HttpResult> {
  const text = await response.text().catch(() => '')
  return statusResult(response.status, text, response.headers.get('retry-after'))
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

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause
  if (typeof cause?.code === 'string') return `connection failed (${cause.code})`
  if (typeof cause?.message === 'string') return `connection failed (${cause.message})`
  return error instanceof Error ? `connection failed (${error.message})` : 'connection failed'
}
