import type { HttpRequest, HttpResult } from './http-result.js'

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504])

/**
 * One HTTP exchange with a timeout; the timer is always cleared, and nothing is thrown. `cancel`
 * ends the exchange early (a session that can wait no longer).
 */
export async function sendRequest(
  request: HttpRequest,
  timeoutMs: number,
  cancel?: AbortSignal,
): Promise<HttpResult> {
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), timeoutMs)
  const onCancel = (): void => abort.abort()
  cancel?.addEventListener('abort', onCancel)
  try {
    if (cancel?.aborted) return { kind: 'failure', reason: 'cancelled' }
    const response = await fetch(request.url, {
      method: request.method,
      ...(request.headers === undefined ? {} : { headers: request.headers }),
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: abort.signal,
    })
    const body = await response.text()
    if (response.ok) return { kind: 'success', status: response.status, body }
    const reason = `HTTP ${response.status}${statusDetail(body)}`
    if (!RETRYABLE_STATUSES.has(response.status))
      return { kind: 'failure', status: response.status, reason }
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'))
    return {
      kind: 'retryable',
      status: response.status,
      reason,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    }
  } catch (error) {
    if (cancel?.aborted) return { kind: 'failure', reason: 'cancelled' }
    return {
      kind: 'retryable',
      reason: abort.signal.aborted ? `timed out after ${timeoutMs} ms` : networkReason(error),
    }
  } finally {
    clearTimeout(timer)
    cancel?.removeEventListener('abort', onCancel)
  }
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

function statusDetail(body: string): string {
  const text = body.trim().replace(/\s+/g, ' ')
  return text === '' ? '' : `: ${text.slice(0, 200)}`
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause
  if (typeof cause?.code === 'string') return `connection failed (${cause.code})`
  if (typeof cause?.message === 'string') return `connection failed (${cause.message})`
  return error instanceof Error ? `connection failed (${error.message})` : 'connection failed'
}
