import { AsyncLocalStorage } from 'node:async_hooks'
import { newEventId } from './event-id.js'
import { CBEventType } from '../events/event-type.js'
import { EventPayload } from '../events/event-payload.js'
import type { EventPayloadRecord } from '../events/event-payload.js'
import { describeError, warn } from '../warnings.js'
import type { CallbackHandler } from './callback-handler.js'
import { eventTypeName } from './event-type-name.js'
import { TraceScope } from './trace-scope.js'

/** The open events of one async branch of a trace, innermost last. */
interface Frame {
  scope: TraceScope | undefined
  readonly stack: string[]
}

/** The frame a manager has open in an async context, linked to the frames open around it. */
interface OpenFrame {
  readonly manager: CallbackManager
  readonly frame: Frame
  readonly outer: OpenFrame | undefined
}

// One storage for every manager: Node keeps each AsyncLocalStorage ever run in a process-wide list
// and visits all of them whenever a promise is made, so one per manager would slow every await in
// the process a little more with each manager created (one per test in a test run).
const openFrames = new AsyncLocalStorage<OpenFrame>()

export interface CallbackManagerOptions {
  /**
   * Keeps events sent outside any trace apart by context: one implicit trace state per key (for
   * example, per test). Without it they share one state, which suits one pipeline at a time.
   */
  readonly ambientKey?: () => object | undefined
}

/** Lets code inside `event()` set the payload the event ends with. */
export interface EventScope {
  readonly id: string
  setEndPayload(payload: EventPayloadRecord): void
}

/**
 * Hands events to handlers, giving each an id and a parent. The parent is the innermost event open
 * in the current async context (AsyncLocalStorage), so concurrent pipelines never adopt each other's
 * events; each `asTrace` call is its own trace. Handlers that throw are reported once, never rethrown.
 */
export class CallbackManager {
  private handlerList: CallbackHandler[]
  private readonly ambient: Frame = { scope: undefined, stack: [] }
  private readonly ambientByKey = new WeakMap<object, Frame>()
  private readonly ambientKey: (() => object | undefined) | undefined

  constructor(handlers: readonly CallbackHandler[] = [], options: CallbackManagerOptions = {}) {
    this.handlerList = [...handlers]
    this.ambientKey = options.ambientKey
  }

  get handlers(): readonly CallbackHandler[] {
    return this.handlerList
  }

  addHandler(handler: CallbackHandler): void {
    if (!this.handlerList.includes(handler)) this.handlerList = [...this.handlerList, handler]
  }

  removeHandler(handler: CallbackHandler): void {
    this.handlerList = this.handlerList.filter((each) => each !== handler)
  }

  /** Starts an event under `parentId`, or under the innermost open event here; returns its id. */
  onEventStart(
    eventType: string,
    payload?: EventPayloadRecord,
    eventId?: string,
    parentId?: string,
  ): string {
    const requestedId = typeof eventId === 'string' && eventId !== '' ? eventId : newEventId()
    try {
      const type = eventTypeName(eventType)
      const frame = this.currentFrame()
      const scope = (frame.scope ??= this.openScope(type, true))
      const parent = typeof parentId === 'string' && parentId !== '' ? parentId : frame.stack.at(-1)
      const resolvedParent = scope.resolve(parent)
      const id = scope.start(requestedId, parent)
      frame.stack.push(id)
      for (const handler of this.handlerList) {
        try {
          if (!handler.eventStartsToIgnore.includes(type))
            handler.onEventStart(type, payload, id, resolvedParent, scope.key)
        } catch (error) {
          reportHandlerError(handler, 'onEventStart', error)
        }
      }
      return id
    } catch (error) {
      warn(
        `could not record the start of a ${eventTypeName(eventType)} event: ${describeError(error)}`,
      )
      return requestedId
    }
  }

  /** Ends the event `eventId`, or the innermost open event here when no id is given. */
  onEventEnd(eventType: string, payload?: EventPayloadRecord, eventId?: string): void {
    try {
      const frame = this.currentFrame()
      const scope = frame.scope
      const type = eventTypeName(eventType)
      if (scope === undefined) {
        warn(
          `a ${type} event ended outside any trace, with no start to match; it was not recorded.`,
        )
        return
      }
      const id = scope.resolve(eventId) ?? frame.stack.at(-1)
      if (id === undefined) return
      removeLast(frame.stack, id)
      for (const handler of this.handlerList) {
        try {
          if (!handler.eventEndsToIgnore.includes(type))
            handler.onEventEnd(type, payload, id, scope.key)
        } catch (error) {
          reportHandlerError(handler, 'onEventEnd', error)
        }
      }
      const idle = scope.end(id)
      if (scope.implicit && idle && frame.stack.length === 0) this.finishScope(frame, scope)
    } catch (error) {
      warn(
        `could not record the end of a ${eventTypeName(eventType)} event: ${describeError(error)}`,
      )
    }
  }

  /**
   * Runs `fn` as one event: started now, ended when `fn` settles. If `fn` throws, the event ends with
   * an EXCEPTION payload and the error is rethrown unchanged. Events inside `fn` nest under this one.
   * Outside any trace, the event is a trace of its own.
   */
  async event<T>(
    eventType: string,
    payload: EventPayloadRecord | undefined,
    fn: (event: EventScope) => T | PromiseLike<T>,
  ): Promise<Awaited<T>> {
    if (this.currentFrame().scope === undefined) {
      return this.asTrace(eventTypeName(eventType), () => this.event(eventType, payload, fn))
    }
    const id = this.onEventStart(eventType, payload)
    const frame = this.currentFrame()
    const trace = frame.scope
    removeLast(frame.stack, id)
    const inner: Frame = { scope: frame.scope, stack: [...frame.stack, id] }
    let endPayload: EventPayloadRecord | undefined
    const scope: EventScope = { id, setEndPayload: (next) => void (endPayload = next) }
    try {
      const result = await this.runIn(inner, () => fn(scope))
      this.endIn(frame, eventType, endPayload, id)
      return result
    } catch (error) {
      this.endIn(frame, eventType, withException(endPayload, error), id)
      trace?.recordedErrors.add(error)
      throw error
    }
  }

  /**
   * Runs `fn` as one trace named `traceId`: its events are handed to handlers as one trace map when
   * it settles. Nested in another trace, it joins that trace (as the seed's trace stack does).
   * If `fn` throws, an EXCEPTION event is recorded under the innermost open event and the error rethrown.
   */
  async asTrace<T>(traceId: string, fn: () => T | PromiseLike<T>): Promise<Awaited<T>> {
    const outer = this.currentFrame().scope
    if (outer !== undefined) outer.depth += 1
    const trace = outer ?? this.openScope(eventTypeName(traceId), false)
    const frame: Frame = { scope: trace, stack: [...this.currentFrame().stack] }
    try {
      return await this.runIn(frame, fn)
    } catch (error) {
      if (!trace.recordedErrors.has(error)) this.runIn(frame, () => this.recordException(error))
      throw error
    } finally {
      this.closeScope(frame)
    }
  }

  /** Opens a trace in the current context (or nests in the open one); pair it with `endTrace`. */
  startTrace(traceId?: string): void {
    try {
      const frame = this.currentFrame()
      if (frame.scope === undefined)
        frame.scope = this.openScope(eventTypeName(traceId || 'trace'), false)
      else frame.scope.depth += 1
    } catch (error) {
      warn(`could not start trace ${eventTypeName(traceId)}: ${describeError(error)}`)
    }
  }

  /** Closes the trace opened by `startTrace`; the outermost close hands the trace map to handlers. */
  endTrace(): void {
    try {
      this.closeScope(this.currentFrame())
    } catch (error) {
      warn(`could not end the trace: ${describeError(error)}`)
    }
  }

  private runIn<T>(frame: Frame, fn: () => T): T {
    return openFrames.run({ manager: this, frame, outer: openFrames.getStore() }, fn)
  }

  private currentFrame(): Frame {
    for (let open = openFrames.getStore(); open !== undefined; open = open.outer) {
      if (open.manager === this) return open.frame
    }
    const key = this.ambientKey?.()
    if (key === undefined) return this.ambient
    let keyed = this.ambientByKey.get(key)
    if (keyed === undefined) {
      keyed = { scope: undefined, stack: [] }
      this.ambientByKey.set(key, keyed)
    }
    return keyed
  }

  private openScope(traceId: string, implicit: boolean): TraceScope {
    const scope = new TraceScope(traceId, implicit)
    this.dispatch('startTrace', (handler) => handler.startTrace(scope.traceId, scope.key))
    return scope
  }

  private closeScope(frame: Frame): void {
    const scope = frame.scope
    if (scope === undefined) return
    scope.depth -= 1
    if (scope.depth <= 0) this.finishScope(frame, scope)
  }

  private finishScope(frame: Frame, scope: TraceScope): void {
    if (frame.scope === scope) frame.scope = undefined
    frame.stack.length = 0
    this.dispatch('endTrace', (handler) =>
      handler.endTrace(scope.traceId, scope.traceMap, scope.key),
    )
  }

  private endIn(
    frame: Frame,
    eventType: string,
    payload: EventPayloadRecord | undefined,
    id: string,
  ): void {
    this.runIn(frame, () => this.onEventEnd(eventType, payload, id))
  }

  private recordException(error: unknown): void {
    const id = this.onEventStart(CBEventType.EXCEPTION, { [EventPayload.EXCEPTION]: error })
    this.onEventEnd(CBEventType.EXCEPTION, { [EventPayload.EXCEPTION]: error }, id)
  }

  private dispatch(hook: string, call: (handler: CallbackHandler) => void): void {
    for (const handler of this.handlerList) {
      try {
        call(handler)
      } catch (error) {
        reportHandlerError(handler, hook, error)
      }
    }
  }
}

function reportHandlerError(handler: CallbackHandler, hook: string, error: unknown): void {
  warn(
    `${handlerName(handler)}.${hook} threw (${describeError(error)}); tracing goes on without that call.`,
  )
}

// An end payload that cannot be copied (a throwing getter or proxy) must not replace the caller's error.
function withException(
  payload: EventPayloadRecord | undefined,
  error: unknown,
): EventPayloadRecord {
  try {
    return { ...payload, [EventPayload.EXCEPTION]: error }
  } catch {
    return { [EventPayload.EXCEPTION]: error }
  }
}

function removeLast(stack: string[], id: string): void {
  if (stack[stack.length - 1] === id) stack.pop()
  else {
    const index = stack.lastIndexOf(id)
    if (index >= 0) stack.splice(index, 1)
  }
}

function handlerName(handler: CallbackHandler): string {
  try {
    return handler.constructor?.name || 'a callback handler'
  } catch {
    return 'a callback handler'
  }
}
