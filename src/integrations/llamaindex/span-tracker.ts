import type { EventPayloadRecord } from '../../events/event-payload.js'
import { ROOT_PARENT_ID } from '../../trace/trace-map.js'
import { currentTestScope } from '../../routing/test-scope.js'
import { warn } from '../../warnings.js'
import type { LlamaIndexEventCaller, SpanTarget } from './llamaindex-types.js'

/** A span the adapter started and LlamaIndex has not ended yet. */
export interface OpenSpan {
  readonly spanId: string
  readonly type: string
  readonly parentId: string
  /** LlamaIndex's own id for it, if its events carry one. */
  readonly id: string | undefined
  readonly stackKey: string
  streamChunks: number
}

/** Open spans of one async context (one test): a stack per engine call; by type, those with ids. */
interface ContextSpans {
  readonly stacks: Map<string, OpenSpan[]>
  readonly byId: Map<string, Map<string, OpenSpan>>
  open: number
}

// Events sent outside any engine call share one stack per context.
const NO_CALLER = ''
// A pipeline that keeps failing mid-call leaves spans open for good; past this the context starts over.
export const MAX_OPEN_SPANS_PER_CONTEXT = 10_000
const MAX_CALLER_DEPTH = 1_000
const OUTSIDE_TESTS = {}

/**
 * Rebuilds LlamaIndex.TS's nesting: within one engine call the latest open span is the parent;
 * a call's first span hangs under the innermost open span of the call it was made in. Spans are
 * kept per test (async context), so concurrent tests never share a stack.
 */
export class SpanTracker {
  private readonly contexts = new WeakMap<object, ContextSpans>()

  constructor(private readonly target: SpanTarget) {}

  /** Starts a span; `id` (LlamaIndex's own, if the event has one) is how its end will find it. */
  start(
    type: string,
    caller: LlamaIndexEventCaller | null,
    payload: EventPayloadRecord,
    id?: string,
    parentId?: string,
  ): OpenSpan {
    const spans = this.spans()
    const stackKey = caller?.id ?? NO_CALLER
    const parent = parentId ?? parentIn(spans, caller)
    const spanId = this.target.onEventStart(type, payload, undefined, parent)
    const span: OpenSpan = { spanId, type, parentId: parent, id, stackKey, streamChunks: 0 }
    const stack = spans.stacks.get(stackKey)
    if (stack === undefined) spans.stacks.set(stackKey, [span])
    else stack.push(span)
    if (id !== undefined) {
      const ofType = spans.byId.get(type)
      if (ofType === undefined) spans.byId.set(type, new Map([[id, span]]))
      else ofType.set(id, span)
    }
    spans.open += 1
    return span
  }

  /** The open span of `type` that `id` names; without an id, the latest one of the caller's (pairing by order). */
  find(
    type: string,
    caller: LlamaIndexEventCaller | null,
    id: string | undefined,
  ): OpenSpan | undefined {
    const spans = this.spans()
    if (id !== undefined) return spans.byId.get(type)?.get(id)
    return spans.stacks.get(caller?.id ?? NO_CALLER)?.findLast((span) => span.type === type)
  }

  /** The latest open span of the caller's. */
  innermost(caller: LlamaIndexEventCaller | null): OpenSpan | undefined {
    return this.spans()
      .stacks.get(caller?.id ?? NO_CALLER)
      ?.at(-1)
  }

  /** The open spans started under `parent`. */
  childrenOf(parent: OpenSpan): OpenSpan[] {
    const stack = this.spans().stacks.get(parent.stackKey) ?? []
    return stack.filter((span) => span.parentId === parent.spanId)
  }

  end(span: OpenSpan, payload: EventPayloadRecord): void {
    const spans = this.spans()
    const stack = spans.stacks.get(span.stackKey)
    const index = stack?.lastIndexOf(span) ?? -1
    if (stack === undefined || index < 0) return
    stack.splice(index, 1)
    if (stack.length === 0) spans.stacks.delete(span.stackKey)
    const ofType = spans.byId.get(span.type)
    if (span.id !== undefined && ofType?.get(span.id) === span) ofType.delete(span.id)
    spans.open -= 1
    this.target.onEventEnd(span.type, payload, span.spanId)
  }

  private spans(): ContextSpans {
    const key = currentTestScope() ?? OUTSIDE_TESTS
    const existing = this.contexts.get(key)
    if (existing !== undefined && existing.open < MAX_OPEN_SPANS_PER_CONTEXT) return existing
    if (existing !== undefined)
      warn(
        `over ${MAX_OPEN_SPANS_PER_CONTEXT} LlamaIndex spans were left open (their pipelines failed before ending them); the adapter forgot them and started over.`,
      )
    const fresh: ContextSpans = { stacks: new Map(), byId: new Map(), open: 0 }
    this.contexts.set(key, fresh)
    return fresh
  }
}

function parentIn(spans: ContextSpans, caller: LlamaIndexEventCaller | null): string {
  if (caller === null) return spans.stacks.get(NO_CALLER)?.at(-1)?.spanId ?? ROOT_PARENT_ID
  let current: LlamaIndexEventCaller | null | undefined = caller
  for (let depth = 0; current && depth < MAX_CALLER_DEPTH; depth += 1) {
    const top = spans.stacks.get(current.id)?.at(-1)
    if (top !== undefined) return top.spanId
    current = current.parent
  }
  return ROOT_PARENT_ID
}
