import { describe, expect, it, vi } from 'vitest'
import { CBEventType, EventPayload } from '../src/events/index.js'
import { WandbCallbackHandler } from '../src/handler.js'
import { epochMs } from '../src/events/cb-event.js'
import type { TraceTree } from '../src/trace/span.js'
import type { TraceSink } from '../src/trace/trace-sink.js'
import { allSpans, childNames, inputsOf, outputsOf, spanNamed } from './support/spans.js'
import { wordTokenizer } from './support/tokenizers.js'
import { captureWarnings } from './support/warnings.js'

const warnings = captureWarnings()

function newHandler(options: ConstructorParameters<typeof WandbCallbackHandler>[0] = {}) {
  return new WandbCallbackHandler({ tokenizer: wordTokenizer, ...options })
}

class ListSink implements TraceSink {
  readonly exported: TraceTree[] = []
  shutdowns = 0
  flushes = 0
  export(trace: TraceTree): void {
    this.exported.push(trace)
  }
  async forceFlush(): Promise<void> {
    this.flushes += 1
  }
  async shutdown(): Promise<void> {
    this.shutdowns += 1
  }
}

describe('WandbCallbackHandler called directly', () => {
  it('gathers events into one trace until endTrace, nesting by parent id', () => {
    const handler = newHandler()
    handler.startTrace('direct')
    handler.onEventStart(CBEventType.QUERY, { [EventPayload.QUERY_STR]: 'q' }, 'q')
    handler.onEventStart(CBEventType.LLM, { [EventPayload.PROMPT]: 'two words' }, 'l', 'q')
    handler.onEventEnd(CBEventType.LLM, { [EventPayload.RESPONSE]: 'one' }, 'l')
    handler.onEventEnd(CBEventType.QUERY, { [EventPayload.RESPONSE]: 'done' }, 'q')
    expect(handler.traces).toEqual([])
    handler.endTrace('direct')
    expect(handler.traces).toHaveLength(1)
    const trace = handler.traces[0]!
    expect(trace.traceId).toBe('direct')
    expect(trace.rootSpan).toMatchObject({ span_id: 'q', name: 'query', span_kind: 'AGENT' })
    expect(childNames(trace.rootSpan)).toEqual(['llm'])
    expect(trace.stats).toEqual({
      spans: 2,
      llmCalls: 1,
      promptTokens: 2,
      completionTokens: 1,
      totalTokens: 3,
    })
  })

  it('builds the tree from a trace map given as a plain object, as the seed did', () => {
    const handler = newHandler()
    handler.startTrace('seed-style')
    for (const [type, id] of [
      [CBEventType.QUERY, 'q'],
      [CBEventType.RETRIEVE, 'r'],
      [CBEventType.SYNTHESIZE, 's'],
    ] as const) {
      handler.onEventStart(type, {}, id)
    }
    for (const [type, id] of [
      [CBEventType.RETRIEVE, 'r'],
      [CBEventType.SYNTHESIZE, 's'],
      [CBEventType.QUERY, 'q'],
    ] as const) {
      handler.onEventEnd(type, {}, id)
    }
    handler.endTrace('seed-style', { root: ['q'], q: ['r', 's'] })
    const root = handler.traces[0]!.rootSpan
    expect(root.name).toBe('query')
    expect(childNames(root)).toEqual(['retrieve', 'synthesize'])
  })

  it('returns the id it was given, or a new one', () => {
    const handler = newHandler()
    expect(handler.onEventStart(CBEventType.QUERY, {}, 'given')).toBe('given')
    const made = handler.onEventStart(CBEventType.QUERY)
    expect(made).toMatch(/^[0-9a-f-]{36}$/)
    expect(handler.onEventStart(CBEventType.QUERY, {}, '')).not.toBe('')
  })

  it('warns about an end without an id and records nothing for it', () => {
    const handler = newHandler()
    handler.onEventStart(CBEventType.QUERY, {}, 'q')
    handler.onEventEnd(CBEventType.QUERY, {})
    handler.endTrace()
    expect(warnings).toEqual([
      'vitest-wandb: an end of a query event came without an event id; it was not recorded.',
    ])
    expect(handler.traces[0]?.rootSpan.status_code).toBe('ERROR')
    expect(handler.traces[0]?.rootSpan.attributes).toBeNull()
  })

  it('honours the ignore lists on direct calls', () => {
    const handler = newHandler({
      eventStartsToIgnore: [CBEventType.EMBEDDING],
      eventEndsToIgnore: [CBEventType.LLM],
    })
    handler.onEventStart(CBEventType.QUERY, {}, 'q')
    handler.onEventStart(CBEventType.EMBEDDING, {}, 'e', 'q')
    handler.onEventStart(CBEventType.LLM, { [EventPayload.PROMPT]: 'p' }, 'l', 'q')
    handler.onEventEnd(CBEventType.LLM, { [EventPayload.RESPONSE]: 'ignored' }, 'l')
    handler.onEventEnd(CBEventType.QUERY, {}, 'q')
    const before = epochMs()
    handler.endTrace()
    const after = epochMs()
    const root = handler.traces[0]!.rootSpan
    expect(allSpans(root).map((span) => span.name)).toEqual(['query', 'llm'])
    const llm = spanNamed(root, 'llm')
    expect(llm.status_code).toBe('SUCCESS')
    expect(outputsOf(llm)).toBeNull()
    expect(llm.end_time_ms).toBeGreaterThanOrEqual(before)
    expect(llm.end_time_ms).toBeLessThanOrEqual(after)
    expect(root.attributes).toBeNull()
  })

  it('reports ends without starts on the root span', () => {
    const handler = newHandler()
    handler.onEventStart(CBEventType.QUERY, {}, 'q')
    handler.onEventEnd(CBEventType.LLM, {}, 'ghost')
    handler.onEventEnd(CBEventType.QUERY, {}, 'q')
    handler.endTrace()
    expect(handler.traces[0]?.rootSpan.attributes).toEqual({
      unmatched_end_count: 1,
      unmatched_end_ids: ['ghost'],
    })
  })

  it('keeps spans of a repeated id apart', () => {
    const handler = newHandler()
    handler.onEventStart(CBEventType.LLM, { n: 1 }, 'same')
    handler.onEventEnd(CBEventType.LLM, {}, 'same')
    handler.onEventStart(CBEventType.LLM, { n: 2 }, 'same')
    handler.onEventEnd(CBEventType.LLM, {}, 'same')
    handler.endTrace('dup')
    const root = handler.traces[0]!.rootSpan
    expect(root.name).toBe('dup')
    expect(root.child_spans?.map((span) => [span.span_id, inputsOf(span)?.['n']])).toEqual([
      ['same', 1],
      ['same#2', 2],
    ])
    expect(root.child_spans?.[1]?.attributes?.['duplicate_event_id']).toBe('same')
  })

  it('keeps traces with different trace keys apart', () => {
    const handler = newHandler()
    handler.startTrace('a', 'key-a')
    handler.startTrace('b', 'key-b')
    handler.onEventStart(CBEventType.QUERY, { trace: 'a' }, 'qa', undefined, 'key-a')
    handler.onEventStart(CBEventType.QUERY, { trace: 'b' }, 'qb', undefined, 'key-b')
    handler.onEventEnd(CBEventType.QUERY, {}, 'qb', 'key-b')
    handler.onEventEnd(CBEventType.QUERY, {}, 'qa', 'key-a')
    handler.endTrace('b', undefined, 'key-b')
    handler.endTrace('a', undefined, 'key-a')
    expect(handler.traces.map((trace) => [trace.traceId, trace.rootSpan.span_id])).toEqual([
      ['b', 'qb'],
      ['a', 'qa'],
    ])
  })

  it('ignores endTrace for a trace that is not open', () => {
    const handler = newHandler()
    handler.endTrace('nothing', undefined, 'no-such-key')
    handler.onEventStart(CBEventType.QUERY, {}, 'q')
    handler.onEventEnd(CBEventType.QUERY, {}, 'q')
    handler.endTrace()
    handler.endTrace()
    expect(handler.traces).toHaveLength(1)
    expect(warnings).toEqual([])
  })

  it('never throws into the caller, even for payloads that cannot be read', () => {
    const handler = newHandler()
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    handler.onEventStart(CBEventType.QUERY, {}, 'q')
    expect(() => handler.onEventStart(CBEventType.LLM, proxy, 'l', 'q')).not.toThrow()
    expect(() => handler.onEventEnd(CBEventType.LLM, proxy, 'l')).not.toThrow()
    handler.onEventEnd(CBEventType.QUERY, { [EventPayload.RESPONSE]: 'still here' }, 'q')
    expect(() => handler.endTrace('hostile')).not.toThrow()
    expect(handler.traces).toHaveLength(1)
    const root = handler.traces[0]!.rootSpan
    expect(outputsOf(root)).toEqual({ [EventPayload.RESPONSE]: 'still here' })
    expect(spanNamed(root, 'llm').attributes?.['shaping_error']).toMatch(/TypeError/)
    expect(warnings).toEqual([])
  })
})

describe('WandbCallbackHandler options', () => {
  it('truncates payload text to maxPayloadChars with a marker', async () => {
    const handler = newHandler({ maxPayloadChars: 32 })
    const long = 'a'.repeat(100)
    await handler.callbackManager.event(
      CBEventType.QUERY,
      { [EventPayload.QUERY_STR]: long },
      (query) => query.setEndPayload({ [EventPayload.RESPONSE]: long }),
    )
    const root = handler.traces[0]!.rootSpan
    const marker = `${'a'.repeat(32)}… [truncated 68 of 100 chars]`
    expect(inputsOf(root)).toEqual({ [EventPayload.QUERY_STR]: marker })
    expect(outputsOf(root)).toEqual({ [EventPayload.RESPONSE]: marker })
  })

  it('rejects a maxPayloadChars that is too small', () => {
    expect(() => newHandler({ maxPayloadChars: 4 })).toThrow(RangeError)
  })

  it('counts tokens with a custom tokenizer', async () => {
    const tokenizer = vi.fn((text: string) => [...text])
    const handler = new WandbCallbackHandler({ tokenizer })
    await handler.callbackManager.event(CBEventType.LLM, { [EventPayload.PROMPT]: 'abcd' }, (llm) =>
      llm.setEndPayload({ [EventPayload.RESPONSE]: 'xy' }),
    )
    expect(handler.traces[0]?.rootSpan.attributes).toEqual({
      formatted_prompt_tokens_count: 4,
      prediction_tokens_count: 2,
      total_tokens_used: 6,
    })
    expect(tokenizer).toHaveBeenCalledTimes(2)
  })

  it('rejects a tokenizer that is neither a function nor a known encoding', () => {
    expect(() => new WandbCallbackHandler({ tokenizer: 'nope' as 'cl100k_base' })).toThrow(
      /tokenizer must be a function or one of cl100k_base/,
    )
  })

  it('drops spans past maxSpansPerTrace and counts them on the root', async () => {
    const handler = newHandler({ maxSpansPerTrace: 2 })
    const manager = handler.callbackManager
    await manager.asTrace('big', () => {
      for (let index = 0; index < 5; index += 1) {
        const id = manager.onEventStart(CBEventType.RETRIEVE, { index })
        manager.onEventEnd(CBEventType.RETRIEVE, {}, id)
      }
    })
    const root = handler.traces[0]!.rootSpan
    expect(root.child_spans?.map((span) => inputsOf(span)?.['index'])).toEqual([0, 1])
    expect(root.attributes).toEqual({ dropped_spans: 3 })
    expect(handler.traces[0]?.stats.spans).toBe(2)
  })

  it('keeps only the newest keptTraces traces', async () => {
    const handler = newHandler({ keptTraces: 2 })
    for (const name of ['a', 'b', 'c']) {
      await handler.callbackManager.asTrace(name, () =>
        handler.callbackManager.event(CBEventType.QUERY, {}, () => undefined),
      )
    }
    expect(handler.traces.map((trace) => trace.traceId)).toEqual(['b', 'c'])
  })

  it('hands every tree to its sinks and survives a sink that throws', async () => {
    const sink = new ListSink()
    const broken: TraceSink = {
      export() {
        throw new Error('disk full')
      },
      async shutdown() {},
    }
    const handler = newHandler({ sinks: [broken, sink] })
    await handler.callbackManager.event(CBEventType.QUERY, {}, () => undefined)
    expect(sink.exported).toEqual(handler.traces)
    expect(sink.exported).toHaveLength(1)
    expect(warnings).toEqual([
      'vitest-wandb: a trace sink failed to take trace query: Error: disk full',
    ])
  })
})

describe('WandbCallbackHandler.callbackManager', () => {
  it('is one manager with this handler attached', () => {
    const handler = newHandler()
    expect(handler.callbackManager).toBe(handler.callbackManager)
    expect(handler.callbackManager.handlers).toEqual([handler])
  })
})

describe('WandbCallbackHandler.finish', () => {
  it('ends open traces, keeping their unfinished spans, then flushes and shuts down sinks', async () => {
    const sink = new ListSink()
    const handler = newHandler({ sinks: [sink] })
    handler.startTrace('open')
    handler.onEventStart(CBEventType.QUERY, {}, 'q')
    await handler.finish()
    expect(sink.exported).toHaveLength(1)
    expect(sink.exported[0]?.rootSpan).toMatchObject({ span_id: 'q', status_code: 'ERROR' })
    expect([sink.flushes, sink.shutdowns]).toEqual([1, 1])
  })

  it('is idempotent', async () => {
    const sink = new ListSink()
    const handler = newHandler({ sinks: [sink] })
    handler.onEventStart(CBEventType.QUERY, {}, 'q')
    const first = handler.finish()
    expect(handler.finish()).toBe(first)
    await first
    await handler.finish()
    expect(sink.exported).toHaveLength(1)
    expect(handler.traces).toHaveLength(1)
    expect([sink.flushes, sink.shutdowns]).toEqual([1, 1])
  })

  it('warns when a sink fails to shut down and still resolves', async () => {
    const failing: TraceSink = {
      export() {},
      async shutdown() {
        throw new Error('socket closed')
      },
    }
    const handler = newHandler({ sinks: [failing] })
    await expect(handler.finish()).resolves.toBeUndefined()
    expect(warnings).toEqual([
      'vitest-wandb: a trace sink failed to shut down: Error: socket closed',
    ])
  })
})
