import type { HttpRequest, HttpResult } from './http-result.js'
import { statusResult, timedExchange } from './timed-exchange.js'

/**
 * One HTTP exchange with a timeout; the timer is always cleared, and nothing is thrown. `cancel`
 * ends the exchange early (a session that can wait no longer).
 */
export function sendRequest(
  request: HttpRequest,
  timeoutMs: number,
  cancel?: AbortSignal,
): Promise<HttpResult> {
  return timedExchange(
    async (signal, answered) => {
      const response = await fetch(request.url, {
        method: request.method,
        ...(request.headers === undefined ? {} : { headers: request.headers }),
        ...(request.body === undefined ? {} : { body: request.body }),
        signal,
      })
      answered()
      const body = await response.text()
      if (response.ok) return { kind: 'success', status: response.status, body }
      return statusResult(response.status, body, response.headers.get('retry-after'))
    },
    timeoutMs,
    cancel,
  )
}
