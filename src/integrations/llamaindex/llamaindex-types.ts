import type { CallbackManager } from '../../callbacks/callback-manager.js'

/**
 * What the adapter reads of LlamaIndex.TS's `EventCaller`: one engine call (a `query`, an agent's
 * `chat`), and the call it was made in.
 */
export interface LlamaIndexEventCaller {
  readonly id: string
  readonly parent: LlamaIndexEventCaller | null
}

/** What the adapter reads of a LlamaIndex.TS event: its detail, and the engine call that sent it. */
export interface LlamaIndexEvent {
  readonly detail: unknown
  readonly reason?: LlamaIndexEventCaller | null
}

export type LlamaIndexListener = (event: LlamaIndexEvent) => void

/**
 * LlamaIndex.TS's `Settings.callbackManager`, typed by what the adapter uses, so `llamaindex` is
 * never imported (a second copy of it would hold a second, silent callback manager).
 */
export interface LlamaIndexCallbackManager {
  on(event: string, listener: LlamaIndexListener): unknown
  off(event: string, listener: LlamaIndexListener): unknown
  dispatchEvent?(event: string, detail: object): void
}

/** Where the adapter sends the events it maps: a CallbackManager, or anything with its two event methods. */
export type SpanTarget = Pick<CallbackManager, 'onEventStart' | 'onEventEnd'>
