import { describe, expect, it } from 'vitest'
import type { CallbackHandler } from '../../src/callbacks/callback-handler.js'
import { CallbackManager } from '../../src/callbacks/callback-manager.js'
import { CBEventType, EventPayload } from '../../src/events/index.js'
import { WandbCallbackHandler } from '../../src/handler.js'
import { RecordingHandler } from '../support/recording-handler.js'
import type { RecordedCall } from '../support/recording-handler.js'
import { allSpans, childNames, outputsOf, spanNamed } from '../support/spans.js'
import { wordTokenizer } from '../support/tokenizers.js'
import { captureWarnings } from '../support/warnings.js'

const warnings = captureWarnings()

function wandbHandler(options: ConstructorParameters<typeof WandbCallbackHandler>[0] = {}) {
  return new WandbCallbackHandler({ tokenizer: wordTokenizer, ...options })
}

function starts(calls: readonly RecordedCall[]) {
  return calls.flatMap((call) =>
    call.hook === 'onEventStart' ? [{ type: call.type, id: call.id, parentId: call.parentId }] : [],
  )
}

function endTraces(calls: readonly RecordedCall[]) {
  return calls.flatMap((call) => (call.hook === 'endTrace' ? [call] : []))
}

describe('CallbackManager events', () => {
  it('hands each event to handlers with an id, its parent and the trace map', async () => {
    const recorder = new RecordingHandler()
    const manager = new CallbackManager([recorder])
    let ids: string[] = []
    await manager.asTrace('query-trace', () => {
      const query = manager.onEventStart(CBEventType.QUERY, { [EventPayload.QUERY_STR]: 'q' })
      const llm = manager.onEventStart(CBEventType.LLM)
      manager.onEventEnd(CBEventType.LLM, { [EventPayload.RESPONSE]: 'r' }, llm)
      manager.onEventEnd(CBEventType.QUERY, undefined, query)
      ids = [query, llm]
    })
    const [query, llm] = ids as [string, string]
    expect(query).toMatch(/^[0-9a-f-]{36}$/)
    expect(llm).not.toBe(query)
    expect(recorder.hooks()).toEqual([
      'startTrace',
      'onEventStart',
      'onEventStart',
      'onEventEnd',
      'onEventEnd',
      'endTrace',
    ])
    expect(starts(recorder.calls)).toEqual([
      { type: 'query', id: query, parentId: undefined },
      { type: 'llm', id: llm, parentId: query },
    ])
    const [endTrace] = endTraces(recorder.calls)
    expect(endTrace?.traceId).toBe('query-trace')
    expect(Object.fromEntries(endTrace?.traceMap ?? [])).toEqual({ root: [query], [query]: [llm] })
    const keys = new Set(recorder.calls.map((call) => call.traceKey))
    expect(keys.size).toBe(1)
    expect([...keys][0]).toMatch(/^query-trace#/)
  })

  it('keeps given ids and parent ids', async () => {
    const recorder = new RecordingHandler()
    const manager = new CallbackManager([recorder])
    await manager.asTrace('t', () => {
      expect(manager.onEventStart(CBEventType.QUERY, {}, 'q')).toBe('q')
      expect(manager.onEventStart(CBEventType.RETRIEVE, {}, 'r', 'q')).toBe('r')
      expect(manager.onEventStart(CBEventType.SYNTHESIZE, {}, 's', 'q')).toBe('s')
      manager.onEventEnd(CBEventType.SYNTHESIZE, {}, 's')
      manager.onEventEnd(CBEventType.RETRIEVE, {}, 'r')
      manager.onEventEnd(CBEventType.QUERY, {}, 'q')
    })
    expect(starts(recorder.calls)).toEqual([
      { type: 'query', id: 'q', parentId: undefined },
      { type: 'retrieve', id: 'r', parentId: 'q' },
      { type: 'synthesize', id: 's', parentId: 'q' },
    ])
  })

  it('ends the innermost open event when no id is given', async () => {
    const recorder = new RecordingHandler()
    const manager = new CallbackManager([recorder])
    await manager.asTrace('t', () => {
      manager.onEventStart(CBEventType.QUERY, {}, 'q')
      manager.onEventStart(CBEventType.LLM, {}, 'l')
      manager.onEventEnd(CBEventType.LLM)
      manager.onEventEnd(CBEventType.QUERY)
    })
    const ends = recorder.calls.flatMap((call) => (call.hook === 'onEventEnd' ? [call.id] : []))
    expect(ends).toEqual(['l', 'q'])
  })

  it('renames a repeated id and nests it under the event it repeats', async () => {
    const handler = wandbHandler()
    const manager = handler.callbackManager
    await manager.asTrace('t', () => {
      expect(manager.onEventStart(CBEventType.QUERY, {}, 'x')).toBe('x')
      expect(manager.onEventStart(CBEventType.LLM, {}, 'x')).toBe('x#2')
      manager.onEventEnd(CBEventType.LLM, { [EventPayload.RESPONSE]: 'inner' }, 'x')
      manager.onEventEnd(CBEventType.QUERY, { [EventPayload.RESPONSE]: 'outer' }, 'x')
    })
    const root = handler.traces[0]?.rootSpan
    expect(root).toMatchObject({ span_id: 'x', name: 'query', status_code: 'SUCCESS' })
    expect(childNames(root!)).toEqual(['llm'])
    expect(spanNamed(root!, 'llm')).toMatchObject({ span_id: 'x#2', status_code: 'SUCCESS' })
    expect(outputsOf(spanNamed(root!, 'llm'))).toEqual({ [EventPayload.RESPONSE]: 'inner' })
    expect(outputsOf(root!)).toEqual({ [EventPayload.RESPONSE]: 'outer' })
    expect(spanNamed(root!, 'llm').attributes).not.toHaveProperty('diagnostic')
  })

  it('puts a self-parented event at the top level with a diagnostic', async () => {
    const handler = wandbHandler()
    const manager = handler.callbackManager
    await manager.asTrace('t', () => {
      manager.onEventStart(CBEventType.QUERY, {}, 'a', 'a')
      manager.onEventEnd(CBEventType.QUERY, {}, 'a')
    })
    const root = handler.traces[0]?.rootSpan
    expect(root).toMatchObject({ span_id: 'a', status_code: 'SUCCESS' })
    expect(root?.attributes).toEqual({ diagnostic: 'self_parent' })
  })

  it('records unknown and odd event types by name', async () => {
    const handler = wandbHandler()
    const manager = handler.callbackManager
    await manager.asTrace('t', () => {
      const custom = manager.onEventStart('my_custom_step', { step: 1 })
      const numeric = manager.onEventStart(42 as unknown as string)
      manager.onEventEnd(42 as unknown as string, undefined, numeric)
      manager.onEventEnd('my_custom_step', { done: true }, custom)
    })
    const root = handler.traces[0]?.rootSpan
    expect(root).toMatchObject({ name: 'my_custom_step', span_kind: null })
    expect(root?.results).toEqual([{ inputs: { step: 1 }, outputs: { done: true } }])
    expect(childNames(root!)).toEqual(['42'])
  })
})

describe('CallbackManager ignore lists', () => {
  it('does not hand ignored starts or ends to the handler that ignores them', async () => {
    const ignoring = new RecordingHandler([CBEventType.LLM], [CBEventType.QUERY])
    const other = new RecordingHandler()
    const manager = new CallbackManager([ignoring, other])
    await manager.asTrace('t', () => {
      const query = manager.onEventStart(CBEventType.QUERY)
      const llm = manager.onEventStart(CBEventType.LLM)
      manager.onEventEnd(CBEventType.LLM, {}, llm)
      manager.onEventEnd(CBEventType.QUERY, {}, query)
    })
    const seen = (handler: RecordingHandler) =>
      handler.calls.flatMap((call) =>
        call.hook === 'onEventStart' || call.hook === 'onEventEnd'
          ? [`${call.hook}:${call.type}`]
          : [],
      )
    expect(seen(ignoring)).toEqual(['onEventStart:query', 'onEventEnd:llm'])
    expect(seen(other)).toEqual([
      'onEventStart:query',
      'onEventStart:llm',
      'onEventEnd:llm',
      'onEventEnd:query',
    ])
  })

  it('leaves out spans of ignored starts and hangs their children on the grandparent', async () => {
    const handler = wandbHandler({ eventStartsToIgnore: [CBEventType.SYNTHESIZE] })
    const manager = handler.callbackManager
    await manager.asTrace('t', () => {
      const query = manager.onEventStart(CBEventType.QUERY)
      const synthesize = manager.onEventStart(CBEventType.SYNTHESIZE)
      const llm = manager.onEventStart(CBEventType.LLM)
      manager.onEventEnd(CBEventType.LLM, { [EventPayload.RESPONSE]: 'x' }, llm)
      manager.onEventEnd(CBEventType.SYNTHESIZE, {}, synthesize)
      manager.onEventEnd(CBEventType.QUERY, {}, query)
    })
    const root = handler.traces[0]?.rootSpan
    expect(allSpans(root!).map((span) => span.name)).toEqual(['query', 'llm'])
    expect(childNames(root!)).toEqual(['llm'])
    expect(spanNamed(root!, 'llm').attributes).not.toHaveProperty('diagnostic')
  })

  it('closes a span whose end is ignored at the trace end, without error', async () => {
    const handler = wandbHandler({ eventEndsToIgnore: [CBEventType.RETRIEVE] })
    const manager = handler.callbackManager
    await manager.asTrace('t', async () => {
      const query = manager.onEventStart(CBEventType.QUERY)
      const retrieve = manager.onEventStart(CBEventType.RETRIEVE, { [EventPayload.QUERY_STR]: 'q' })
      manager.onEventEnd(CBEventType.RETRIEVE, { [EventPayload.NODES]: [] }, retrieve)
      await new Promise((resolve) => setTimeout(resolve, 5))
      manager.onEventEnd(CBEventType.QUERY, {}, query)
    })
    const root = handler.traces[0]?.rootSpan
    const retrieve = spanNamed(root!, 'retrieve')
    expect(retrieve.status_code).toBe('SUCCESS')
    expect(retrieve.status_message).toBeNull()
    expect(outputsOf(retrieve)).toBeNull()
    expect(retrieve.end_time_ms).toBeGreaterThanOrEqual(root!.end_time_ms!)
    expect(root?.attributes).toBeNull()
  })
})

describe('CallbackManager.event', () => {
  it('starts and ends one event around the callback and returns its result', async () => {
    const handler = wandbHandler()
    const manager = handler.callbackManager
    const result = await manager.asTrace('t', () =>
      manager.event(CBEventType.QUERY, { [EventPayload.QUERY_STR]: 'q' }, async (query) => {
        await manager.event(CBEventType.RETRIEVE, {}, () => 'nodes')
        query.setEndPayload({ [EventPayload.RESPONSE]: 'answer' })
        return 7
      }),
    )
    expect(result).toBe(7)
    const root = handler.traces[0]?.rootSpan
    expect(root).toMatchObject({ name: 'query', status_code: 'SUCCESS' })
    expect(outputsOf(root!)).toEqual({ [EventPayload.RESPONSE]: 'answer' })
    expect(childNames(root!)).toEqual(['retrieve'])
  })

  it('ends with an EXCEPTION payload and rethrows the same error', async () => {
    const recorder = new RecordingHandler()
    const manager = new CallbackManager([recorder])
    const error = new Error('provider down')
    const caught = await manager
      .asTrace('t', () =>
        manager.event(CBEventType.LLM, {}, (llm) => {
          llm.setEndPayload({ partial: 'so far' })
          throw error
        }),
      )
      .catch((thrown: unknown) => thrown)
    expect(caught).toBe(error)
    const end = recorder.calls.find((call) => call.hook === 'onEventEnd')
    expect(end?.payload).toEqual({ partial: 'so far', [EventPayload.EXCEPTION]: error })
    expect((end?.payload as Record<string, unknown>)[EventPayload.EXCEPTION]).toBe(error)
  })

  it('is a trace of its own outside any trace', async () => {
    const handler = wandbHandler()
    const manager = handler.callbackManager
    await manager.event(CBEventType.LLM, { [EventPayload.PROMPT]: 'a' }, (llm) =>
      llm.setEndPayload({ [EventPayload.RESPONSE]: 'b' }),
    )
    await manager.event(CBEventType.EMBEDDING, {}, () => undefined)
    expect(handler.traces.map((trace) => trace.traceId)).toEqual(['llm', 'embedding'])
    expect(handler.traces.map((trace) => trace.rootSpan.name)).toEqual(['llm', 'embedding'])
  })
})

describe('CallbackManager.asTrace', () => {
  it('records an EXCEPTION event under the innermost open event when the callback throws', async () => {
    const handler = wandbHandler()
    const manager = handler.callbackManager
    const error = new TypeError('bad shape')
    await expect(
      manager.asTrace('t', () => {
        manager.onEventStart(CBEventType.QUERY, {}, 'q')
        throw error
      }),
    ).rejects.toBe(error)
    const root = handler.traces[0]?.rootSpan
    expect(root).toMatchObject({ name: 'query', status_code: 'ERROR' })
    expect(childNames(root!)).toEqual(['exception'])
    expect(spanNamed(root!, 'exception')).toMatchObject({
      status_code: 'ERROR',
      status_message: 'TypeError: bad shape',
    })
  })

  it('does not record the error again when an event already did', async () => {
    for (const thrown of [new Error('once'), 'a thrown string']) {
      const handler = wandbHandler()
      const manager = handler.callbackManager
      await expect(
        manager.asTrace('t', () =>
          manager.event(CBEventType.QUERY, {}, () =>
            manager.event(CBEventType.LLM, {}, () => {
              throw thrown
            }),
          ),
        ),
      ).rejects.toBe(thrown)
      const spans = allSpans(handler.traces[0]!.rootSpan)
      expect(spans.map((span) => span.name)).toEqual(['query', 'llm'])
      expect(spans.map((span) => span.status_code)).toEqual(['ERROR', 'ERROR'])
    }
  })

  it('joins the outer trace when nested', async () => {
    const recorder = new RecordingHandler()
    const handler = wandbHandler()
    const manager = new CallbackManager([recorder, handler])
    await manager.asTrace('outer', async () => {
      const query = manager.onEventStart(CBEventType.QUERY)
      await manager.asTrace('inner', () => manager.event(CBEventType.LLM, {}, () => 1))
      manager.onEventEnd(CBEventType.QUERY, {}, query)
    })
    expect(recorder.hooks().filter((hook) => hook.endsWith('Trace'))).toEqual([
      'startTrace',
      'endTrace',
    ])
    expect(handler.traces).toHaveLength(1)
    expect(handler.traces[0]?.traceId).toBe('outer')
    expect(childNames(handler.traces[0]!.rootSpan)).toEqual(['llm'])
  })

  it('keeps concurrent traces apart', async () => {
    const handler = wandbHandler()
    const manager = handler.callbackManager
    const pipeline = (name: string) =>
      manager.asTrace(name, () =>
        manager.event(CBEventType.QUERY, { name }, async () => {
          await new Promise((resolve) => setTimeout(resolve, 2))
          await manager.event(CBEventType.LLM, { name }, () => undefined)
        }),
      )
    await Promise.all([pipeline('a'), pipeline('b')])
    const byId = new Map(handler.traces.map((trace) => [trace.traceId, trace.rootSpan]))
    for (const name of ['a', 'b']) {
      const spans = allSpans(byId.get(name)!)
      expect(spans.map((span) => span.name)).toEqual(['query', 'llm'])
      expect(spans.map((span) => span.results?.[0]?.inputs?.['name'])).toEqual([name, name])
    }
  })
})

describe('CallbackManager.startTrace and endTrace', () => {
  it('hands a trace with no events to handlers and logs no tree', () => {
    const recorder = new RecordingHandler()
    const handler = wandbHandler()
    const manager = new CallbackManager([recorder, handler])
    manager.startTrace('empty')
    manager.endTrace()
    expect(recorder.hooks()).toEqual(['startTrace', 'endTrace'])
    expect(recorder.calls[0]).toMatchObject({ hook: 'startTrace', traceId: 'empty' })
    expect(handler.traces).toEqual([])
    expect(warnings).toEqual([])
  })

  it('gathers the events between them into one trace, ending at the outermost endTrace', () => {
    const handler = wandbHandler()
    const manager = handler.callbackManager
    manager.startTrace('batch')
    manager.startTrace('nested')
    const a = manager.onEventStart(CBEventType.QUERY)
    manager.onEventEnd(CBEventType.QUERY, {}, a)
    manager.endTrace()
    expect(handler.traces).toEqual([])
    const b = manager.onEventStart(CBEventType.QUERY)
    manager.onEventEnd(CBEventType.QUERY, {}, b)
    manager.endTrace()
    expect(handler.traces).toHaveLength(1)
    expect(handler.traces[0]?.rootSpan).toMatchObject({ name: 'batch', span_kind: 'CHAIN' })
    expect(childNames(handler.traces[0]!.rootSpan)).toEqual(['query', 'query'])
  })

  it('does nothing on endTrace without a trace, and works with no handlers', () => {
    const manager = new CallbackManager()
    expect(() => manager.endTrace()).not.toThrow()
    manager.startTrace()
    expect(manager.onEventStart(CBEventType.QUERY, {}, 'q')).toBe('q')
    manager.onEventEnd(CBEventType.QUERY, {}, 'q')
    manager.endTrace()
    expect(warnings).toEqual([])
  })
})

describe('CallbackManager outside any trace', () => {
  it('makes each top-level event an implicit trace named by its type', () => {
    const handler = wandbHandler()
    const manager = handler.callbackManager
    const query = manager.onEventStart(CBEventType.QUERY)
    const llm = manager.onEventStart(CBEventType.LLM)
    manager.onEventEnd(CBEventType.LLM, {}, llm)
    expect(handler.traces).toEqual([])
    manager.onEventEnd(CBEventType.QUERY, {}, query)
    const embedding = manager.onEventStart(CBEventType.EMBEDDING)
    manager.onEventEnd(CBEventType.EMBEDDING, {}, embedding)
    expect(handler.traces.map((trace) => trace.traceId)).toEqual(['query', 'embedding'])
    expect(childNames(handler.traces[0]!.rootSpan)).toEqual(['llm'])
  })

  it('warns about an end with no trace and records nothing', () => {
    const recorder = new RecordingHandler()
    const manager = new CallbackManager([recorder])
    manager.onEventEnd(CBEventType.LLM, {}, 'stray')
    expect(recorder.calls).toEqual([])
    expect(warnings).toEqual([
      'vitest-wandb: a llm event ended outside any trace, with no start to match; it was not recorded.',
    ])
  })

  it('keeps implicit traces apart per ambient key', () => {
    const handler = wandbHandler()
    const first = {}
    const second = {}
    let current: object | undefined = first
    const manager = new CallbackManager([handler], { ambientKey: () => current })
    const a = manager.onEventStart(CBEventType.QUERY, { name: 'a' })
    current = second
    const b = manager.onEventStart(CBEventType.QUERY, { name: 'b' })
    manager.onEventEnd(CBEventType.QUERY, {}, b)
    current = first
    manager.onEventEnd(CBEventType.QUERY, {}, a)
    expect(handler.traces).toHaveLength(2)
    for (const trace of handler.traces) expect(trace.rootSpan.child_spans).toBeNull()
    expect(handler.traces.map((trace) => trace.rootSpan.results?.[0]?.inputs?.['name'])).toEqual([
      'b',
      'a',
    ])
  })
})

describe('CallbackManager handlers', () => {
  it('goes on when a handler throws, and says so in one warning line', async () => {
    const broken: CallbackHandler = {
      eventStartsToIgnore: [],
      eventEndsToIgnore: [],
      onEventStart() {
        throw new Error('handler bug')
      },
      onEventEnd() {},
      startTrace() {},
      endTrace() {},
    }
    const handler = wandbHandler()
    const manager = new CallbackManager([broken, handler])
    await manager.asTrace('t', async () => {
      for (let index = 0; index < 3; index += 1) {
        const id = manager.onEventStart(CBEventType.LLM, { [EventPayload.PROMPT]: 'p' })
        manager.onEventEnd(CBEventType.LLM, { [EventPayload.RESPONSE]: 'r' }, id)
      }
    })
    expect(warnings).toEqual([
      'vitest-wandb: Object.onEventStart threw (Error: handler bug); tracing goes on without that call.',
    ])
    expect(handler.traces).toHaveLength(1)
    expect(childNames(handler.traces[0]!.rootSpan)).toEqual(['llm', 'llm', 'llm'])
  })

  it('adds a handler once and removes it', async () => {
    const recorder = new RecordingHandler()
    const manager = new CallbackManager()
    manager.addHandler(recorder)
    manager.addHandler(recorder)
    expect(manager.handlers).toEqual([recorder])
    await manager.event(CBEventType.LLM, {}, () => undefined)
    const seen = recorder.calls.length
    expect(seen).toBe(4)
    manager.removeHandler(recorder)
    await manager.event(CBEventType.LLM, {}, () => undefined)
    expect(manager.handlers).toEqual([])
    expect(recorder.calls).toHaveLength(seen)
  })
})
