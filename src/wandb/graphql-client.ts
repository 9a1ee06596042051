import type { Deadline } from './http/deadline.js'
import { DEFAULT_RETRY_POLICY, sendWithRetries } from './http/send-with-retries.js'
import type { RetryPolicy } from './http/send-with-retries.js'

export type ApiResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string }

/** `Authorization` header W&B expects: Basic with user `api` and the key as password. */
export function authorization(apiKey: string): string {
  return `Basic ${Buffer.from(`api:${apiKey}`).toString('base64')}`
}

/** Posts GraphQL documents to `{base}/graphql` with retries; errors come back as values. */
export class GraphqlClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
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
    if (result.kind !== 'success') return { ok: false, reason: result.reason }
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
