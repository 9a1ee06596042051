import { Deadline } from './deadline.js'
import type { HttpRequest, HttpResult } from './http-result.js'
import { sendRequest } from './send-request.js'

export interface RetryPolicy {
  /** The longest one request may take. */
  readonly requestTimeoutMs: number
  readonly maxAttempts: number
  readonly initialBackoffMs: number
  readonly maxBackoffMs: number
  /**
   * How long, from the first attempt that nothing answered (refused, no such host), retries go on
   * before the server counts as not there: a refusal comes at once, so waiting out the whole
   * deadline would only delay the fallback.
   */
  readonly unreachableBudgetMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  requestTimeoutMs: 10_000,
  maxAttempts: 8,
  initialBackoffMs: 500,
  maxBackoffMs: 8_000,
  unreachableBudgetMs: 2_000,
}

const JITTER = 0.2

/**
 * Sends a request until it succeeds, fails for good, runs out of attempts, or would outlive the
 * deadline (or, while nothing answers at all, the policy's shorter budget for that). Backs off
 * exponentially with jitter and honours Retry-After (within the deadline).
 */
export async function sendWithRetries(
  request: HttpRequest,
  deadline: Deadline,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  cancel?: AbortSignal,
  send: typeof sendRequest = sendRequest,
): Promise<HttpResult> {
  let backoffMs = policy.initialBackoffMs
  let unreachable: Deadline | undefined
  let last: HttpResult = { kind: 'retryable', reason: 'no time left to send the request' }
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt += 1) {
    const timeoutMs = Math.min(policy.requestTimeoutMs, deadline.remainingMs())
    if (timeoutMs <= 0) return last
    last = await send(request, timeoutMs, cancel)
    if (last.kind === 'success' || last.kind === 'failure' || attempt === policy.maxAttempts)
      return last
    const waitMs =
      (last.kind === 'retryable' ? last.retryAfterMs : undefined) ?? jittered(backoffMs)
    if (last.kind === 'unreachable') {
      unreachable ??= new Deadline(policy.unreachableBudgetMs)
      if (waitMs >= unreachable.remainingMs()) return last
    }
    if (waitMs >= deadline.remainingMs()) return last
    if (!(await pause(waitMs, cancel))) return { kind: 'failure', reason: 'cancelled' }
    backoffMs = Math.min(policy.maxBackoffMs, backoffMs * 2)
  }
  return last
}

/** Waits `ms`; false when cancelled first. */
function pause(ms: number, cancel: AbortSignal | undefined): Promise<boolean> {
  return new Promise((done) => {
    if (cancel?.aborted) return done(false)
    const onCancel = (): void => {
      clearTimeout(timer)
      done(false)
    }
    const timer = setTimeout(() => {
      cancel?.removeEventListener('abort', onCancel)
      done(true)
    }, ms)
    cancel?.addEventListener('abort', onCancel, { once: true })
  })
}

function jittered(ms: number): number {
  return ms * (1 - JITTER + Math.random() * 2 * JITTER)
}
