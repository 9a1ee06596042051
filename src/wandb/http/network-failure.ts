import type { HttpResult } from './http-result.js'

/**
 * Error codes that mean no server answered: a refused connection, a host name that does not
 * resolve, an unreachable network, or a connection closed or reset by the other side.
 */
const NO_ANSWER_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'UND_ERR_SOCKET',
])

/**
 * A network error as a result. `answered` says a response had begun: a reset after that is a
 * broken answer worth the usual retries, while one before it means nothing is there.
 */
export function networkFailure(error: unknown, answered: boolean): HttpResult {
  const reason = networkReason(error)
  const code = errorCode(error)
  // No retry can mend an address that is not a URL.
  if (code === 'ERR_INVALID_URL')
    return { kind: 'failure', reason: 'the address is not a valid URL' }
  if (!answered && code !== undefined && NO_ANSWER_CODES.has(code))
    return { kind: 'unreachable', reason }
  return { kind: 'retryable', reason }
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause
  if (typeof cause?.code === 'string') return `connection failed (${cause.code})`
  if (typeof cause?.message === 'string') return `connection failed (${cause.message})`
  return error instanceof Error ? `connection failed (${error.message})` : 'connection failed'
}

/** The code of the error, or of its cause (fetch wraps the socket's error in a TypeError). */
function errorCode(error: unknown): string | undefined {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } }
  if (typeof cause?.code === 'string') return cause.code
  return typeof code === 'string' ? code : undefined
}
