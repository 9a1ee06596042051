import type { Deadline } from './http/deadline.js'
import type { HttpResult } from './http/http-result.js'
import { DEFAULT_RETRY_POLICY, sendWithRetries } from './http/send-with-retries.js'
import type { RetryPolicy } from './http/send-with-retries.js'

/** Why a call to W&B failed; `status` is the HTTP status, when one came. */
export interface ApiFailure {
  readonly ok: false
  readonly reason: string
  readonly status?: number
}

export type ApiResult<T> = { readonly ok: true; readonly value: T } | ApiFailure

/** A failed exchange with W&B's API; a refused key is said as such, since no retry can fix it. */
export function apiFailure(result: Exclude<HttpResult, { kind: 'success' }>): ApiFailure {
  const status = 'status' in result ? result.status : undefined
  if (status === 401 || status === 403)
    return { ok: false, reason: `W&B rejected the API key (HTTP ${status})`, status }
  return status === undefined
    ? { ok: false, reason: result.reason }
    : { ok: false, reason: result.reason, status }
}

/** `Authorization` header W&B expects: Basic with user `api` and the key as password. */
export function authorization(apiKey: string): string {
  return `Basic ${Buffer.from(`api:${apiKey}`).toString('base64')}`
}

/** Posts GraphQL documents to `{base}/graphql` with retries; errors come back as values. */
export class GraphqlClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    /** How requests are retried; transfers on the client's behalf (downloads) follow it too. */
    readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {}

  async request<T>(
    document: string,
    variables: Record<string, unknown>,
    deadline: Deadline,
    cancel?: AbortSignal,
  ): Promise<ApiResult<T>> {
    const result = await sendWithRetries(
      {
        method: 'POST',
        url: `${this.baseUrl}/graphql`,
        headers: { authorization: authorization(this.apiKey), 'content-type': 'application/json' },
        body: JSON.stringify({ query: document, variables }),
      },
      deadline,
      this.policy,
      cancel,
    )
    if (result.kind !== 'success') return apiFailure(result)
    return parseGraphqlBody<T>(result.body)
  }
}

function parseGraphqlBody<T>(body: string): ApiResult<T> {
  let parsed: { data?: T | null; errors?: { message?: string }[] }
  try {
    parsed = JSON.parse(body) as typeof parsed
  } catch {
    return { ok: false, reason: 'the GraphQL response was not JSON' }
  }
  if (parsed.errors !== undefined && parsed.errors.length > 0) {
    return {
      ok: false,
      reason: `GraphQL error: ${parsed.errors.map((error) => error.message ?? '?').join('; ')}`,
    }
  }
  if (parsed.data === undefined || parsed.data === null)
    return { ok: false, reason: 'the GraphQL response had no data' }
  return { ok: true, value: parsed.data }
}
