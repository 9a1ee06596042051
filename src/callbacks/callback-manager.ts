import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
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
  private readonly frames = new AsyncLocalStorage<Frame>()
  private readonly ambient: Frame = { scope: undefined, stack: [] }

  constructor(handlers: readonly CallbackHandler[] = []) {
    this.handlerList = [...handlers]
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
    const requestedId = typeof eventId === 'string' && eventId !== '' ? eventId : randomUUID()
    try {
      const type = eventTypeName(eventType)
      const frame = this.currentFrame()
      const scope = (frame.scope ??= this.openScope(type, true))
      const parent = typeof parentId === 'string' && parentId !== '' ? parentId : frame.stack.at(-1)
      const id = scope.start(requestedId, parent)
      const resolvedParent = scope.resolve(parent)
      frame.stack.push(id)
      this.dispatch('onEventStart', (handler) => {
        if (!handler.eventStartsToIgnore.includes(type))
          handler.onEventStart(type, payload, id, resolvedParent, scope.key)
      })
      return id
    } catch (error) {
      warn(`could not record the start of a ${String(eventType)} event: ${describeError(error)}`)
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
      this.dispatch('onEventEnd', (handler) => {
        if (!handler.eventEndsToIgnore.includes(type))
          handler.onEventEnd(type, payload, id, scope.key)
      })
      const idle = scope.end(id)
      if (scope.implicit && idle && frame.stack.length === 0) this.finishScope(frame, scope)
    } catch (error) {
      warn(`could not record the end of a ${String(eventType)} event: ${describeError(error)}`)
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
    removeLast(frame.stack, id)
    const inner: Frame = { scope: frame.scope, stack: [...frame.stack, id] }
    let endPayload: EventPayloadRecord | undefined
    const scope: EventScope = { id, setEndPayload: (next) => void (endPayload = next) }
    try {
      const result = await this.frames.run(inner, () => fn(scope))
      this.endIn(frame, eventType, endPayload, id)
      return result
    } catch (error) {
      this.endIn(frame, eventType, { ...endPayload, [EventPayload.EXCEPTION]: error }, id)
      this.markRecorded(error)
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
    const frame: Frame = {
      scope: outer ?? this.openScope(eventTypeName(traceId), false),
      stack: [...this.currentFrame().stack],
    }
    try {
      return await this.frames.run(frame, fn)
    } catch (error) {
      if (!this.wasRecorded(error)) this.frames.run(frame, () => this.recordException(error))
      throw error
    } finally {
      this.closeScope(frame)
    }
  }

  /** Opens a trace in the current context (or nests in the open one); pair it with `endTrace`. */
  startTrace(traceId?: string): void {
    try {
      const frame = this.currentFrame()
      if (frame.scope === undefined) frame.scope = this.openScope(traceId ?? 'trace', false)
      else frame.scope.depth += 1
    } catch (error) {
      warn(`could not start trace ${String(traceId)}: ${describeError(error)}`)
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

  private readonly recordedErrors = new WeakSet<object>()

  private currentFrame(): Frame {
    return this.frames.getStore() ?? this.ambient
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
    this.frames.run(frame, () => this.onEventEnd(eventType, payload, id))
  }

  private markRecorded(error: unknown): void {
    if (typeof error === 'object' && error !== null) this.recordedErrors.add(error)
  }

  private wasRecorded(error: unknown): boolean {
    return typeof error === 'object' && error !== null && this.recordedErrors.has(error)
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
        warn(
          `${handlerName(handler)}.${hook} threw (${describeError(error)}); tracing goes on without that call.`,
        )
      }
    }
  }
}

function removeLast(stack: string[], id: string): void {
  const index = stack.lastIndexOf(id)
  if (index >= 0) stack.splice(index, 1)
}

function handlerName(handler: CallbackHandler): string {
  try {
    return handler.constructor?.name || 'a callback handler'
  } catch {
    return 'a callback handler'
  }
}
