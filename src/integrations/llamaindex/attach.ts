import { readKey } from '../../trace/read.js'
import { sharedCallbackManager } from '../../routing/shared-callback-manager.js'
import { describeError, warn } from '../../warnings.js'
import { ADAPTER_EVENT_NAMES } from './event-names.js'
import type { AdapterEventName } from './event-names.js'
import { EVENT_MAPPING } from './event-mapping.js'
import type {
  LlamaIndexCallbackManager,
  LlamaIndexEvent,
  LlamaIndexEventCaller,
  LlamaIndexListener,
  SpanTarget,
} from './llamaindex-types.js'
import { SpanTracker } from './span-tracker.js'

export interface AttachLlamaIndexOptions {
  /** Where the spans go: the process-wide manager that routes each event to its test, by default. */
  readonly target?: SpanTarget
}

/** One subscription of a LlamaIndex manager to a target, shared by every attach of that pair. */
interface Attachment {
  readonly listeners: ReadonlyMap<AdapterEventName, LlamaIndexListener>
  users: number
}

type Attachments = Map<LlamaIndexCallbackManager, Map<SpanTarget, Attachment>>

const ATTACHMENTS_KEY = Symbol.for('vitest-wandb.llamaindex-attachments')

// One registry per process, even if this module is loaded twice (the harness and a test file may
// resolve it through different paths): attaching the same pair twice must not record events twice.
function attachments(): Attachments {
  const holder = globalThis as { [ATTACHMENTS_KEY]?: Attachments }
  holder[ATTACHMENTS_KEY] ??= new Map()
  return holder[ATTACHMENTS_KEY]
}

/** The LlamaIndex managers an adapter is attached to now. */
export function attachedLlamaIndexManagers(): LlamaIndexCallbackManager[] {
  return [...attachments().keys()]
}

/**
 * Turns the events of LlamaIndex.TS's `Settings.callbackManager` into spans of the current test's
 * trace. Returns a function that detaches it. Attaching the same manager to the same target again
 * adds no second subscription; it stays until every attach has been detached.
 */
export function attachLlamaIndex(
  callbackManager: LlamaIndexCallbackManager,
  options: AttachLlamaIndexOptions = {},
): () => void {
  const target = options.target ?? sharedCallbackManager()
  const byTarget = attachments().get(callbackManager) ?? new Map<SpanTarget, Attachment>()
  let attachment = byTarget.get(target)
  if (attachment === undefined) {
    const listeners = subscribe(callbackManager, new SpanTracker(target))
    if (listeners === undefined) return () => {}
    attachment = { listeners, users: 0 }
    byTarget.set(target, attachment)
    attachments().set(callbackManager, byTarget)
  }
  attachment.users += 1
  return detachOnce(callbackManager, target, attachment)
}

function detachOnce(
  callbackManager: LlamaIndexCallbackManager,
  target: SpanTarget,
  attachment: Attachment,
): () => void {
  let detached = false
  return () => {
    if (detached) return
    detached = true
    attachment.users -= 1
    if (attachment.users > 0) return
    unsubscribe(callbackManager, attachment.listeners)
    const byTarget = attachments().get(callbackManager)
    byTarget?.delete(target)
    if (byTarget?.size === 0) attachments().delete(callbackManager)
  }
}

function subscribe(
  callbackManager: LlamaIndexCallbackManager,
  spans: SpanTracker,
): Map<AdapterEventName, LlamaIndexListener> | undefined {
  const listeners = new Map<AdapterEventName, LlamaIndexListener>()
  try {
    for (const name of ADAPTER_EVENT_NAMES) {
      const listener = listenerFor(name, spans)
      callbackManager.on(name, listener)
      listeners.set(name, listener)
    }
    return listeners
  } catch (error) {
    unsubscribe(callbackManager, listeners)
    warn(
      `could not attach to the LlamaIndex callback manager (${describeError(error)}); pass Settings.callbackManager from llamaindex to attachLlamaIndex.`,
    )
    return undefined
  }
}

function unsubscribe(
  callbackManager: LlamaIndexCallbackManager,
  listeners: ReadonlyMap<AdapterEventName, LlamaIndexListener>,
): void {
  for (const [name, listener] of listeners) {
    try {
      callbackManager.off(name, listener)
    } catch (error) {
      warn(`could not detach from the LlamaIndex ${name} event: ${describeError(error)}`)
    }
  }
}

// LlamaIndex.TS calls listeners with no guard: anything thrown here would crash the process.
function listenerFor(name: AdapterEventName, spans: SpanTracker): LlamaIndexListener {
  const mapEvent = EVENT_MAPPING[name]
  return (event) => {
    try {
      mapEvent(spans, event.detail, callerOf(event))
    } catch (error) {
      warn(
        `could not record the LlamaIndex ${name} event (${describeError(error)}); tracing goes on without it.`,
      )
    }
  }
}

function callerOf(event: LlamaIndexEvent): LlamaIndexEventCaller | null {
  const reason = readKey(event, 'reason')
  return typeof readKey(reason, 'id') === 'string' ? (reason as LlamaIndexEventCaller) : null
}
