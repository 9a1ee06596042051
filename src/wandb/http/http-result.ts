/** How one HTTP exchange went: a union the caller narrows on, never an exception. */
export type HttpResult =
  | { readonly kind: 'success'; readonly status: number; readonly body: string }
  | {
      readonly kind: 'retryable'
      readonly reason: string
      readonly status?: number
      readonly retryAfterMs?: number
    }
  | { readonly kind: 'failure'; readonly reason: string; readonly status?: number }

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT'
  readonly url: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string | Uint8Array
}
