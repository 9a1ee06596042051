/** How one HTTP exchange went: a union the caller narrows on, never an exception. */
export type HttpResult =
  | { readonly kind: 'success'; readonly status: number; readonly body: string }
  | {
      readonly kind: 'retryable'
      readonly reason: string
      readonly status?: number
      readonly retryAfterMs?: number
    }
  /**
   * Nothing answered: the connection was refused, the host name did not resolve, or the connection
   * was reset before a response began. Worth a quick retry or two, not a long wait.
   */
  | { readonly kind: 'unreachable'; readonly reason: string }
  | { readonly kind: 'failure'; readonly reason: string; readonly status?: number }

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT'
  readonly url: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string | Uint8Array
}
