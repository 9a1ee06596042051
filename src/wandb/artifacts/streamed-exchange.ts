import type { ApiResult } from '../graphql-client.js'
import type { Deadline } from '../http/deadline.js'
import type { HttpRequest, HttpResult } from '../http/http-result.js'
import { DEFAULT_RETRY_POLICY, sendWithRetries } from '../http/send-with-retries.js'
import type { RetryPolicy } from '../http/send-with-retries.js'
import { timedExchange } from '../http/timed-exchange.js'
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
 * Moves `bytes` with `exchange` (which streams the body, and calls `answered` once the response
 * begins), retried as any request is, with a per-attempt timeout that grows with the size. A
 * failure keeps the HTTP status, when one came.
 */
export async function transferWithRetries(
  request: Pick<HttpRequest, 'method' | 'url'>,
  bytes: number,
  exchange: (signal: AbortSignal, answered: () => void) => Promise<HttpResult>,
  deadline: Deadline,
  policy?: RetryPolicy,
  cancel?: AbortSignal,
): Promise<ApiResult<void>> {
  const result = await sendWithRetries(
    request,
    deadline,
    transferPolicy(bytes, policy),
    cancel,
    (_request, timeoutMs, sendCancel) => timedExchange(exchange, timeoutMs, sendCancel),
  )
  if (result.kind === 'success') return { ok: true, value: undefined }
  const status = 'status' in result ? result.status : undefined
  return status === undefined
    ? { ok: false, reason: result.reason }
    : { ok: false, reason: result.reason, status }
}
