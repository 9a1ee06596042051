import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CBEventType, EventPayload } from '../src/events/index.js'
import { WandbCallbackHandler } from '../src/handler.js'
import type { Span } from '../src/trace/span.js'
import { allSpans, childNames, inputsOf, outputsOf, spanNamed } from './support/spans.js'
import { wordTokenizer } from './support/tokenizers.js'
import { captureWarnings } from './support/warnings.js'

captureWarnings()

function preciseNowMs(): number {
  return performance.timeOrigin + performance.now()
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

function newHandler(options: ConstructorParameters<typeof WandbCallbackHandler>[0] = {}) {
  return new WandbCallbackHandler({ tokenizer: wordTokenizer, ...options })
}

describe('seed defects the port must not copy', () => {
  const originalTz = process.env['TZ']
  afterEach(() => {
    if (originalTz === undefined) delete process.env['TZ']
    else process.env['TZ'] = originalTz
  })

  it('defect 1: persistIndex with an explicit persistDir works and keeps that directory; a temporary one is removed', async () => {
    vi.stubEnv('VITEST_WANDB_CACHE_DIR', mkdtempSync(join(tmpdir(), 'seed-cache-')))
    const handler = new WandbCallbackHandler()
    const persistDir = mkdtempSync(join(tmpdir(), 'seed-persist-'))
    const index = {
      persist: async (dir: string) => writeFileSync(join(dir, 'index_store.json'), '{"root": 1}'),
    }
    const explicit = await handler.persistIndex(index, 'seed-index', persistDir)
    expect(explicit.files.map((file) => file.path)).toEqual(['index_store.json'])
    expect(readdirSync(persistDir)).toEqual(['index_store.json'])

    let temporary = ''
    const fromTemporary = await handler.persistIndex(
      {
        persist: async (dir: string) => {
          temporary = dir
          writeFileSync(join(dir, 'index_store.json'), '{"root": 2}')
        },
      },
      'seed-index',
    )
    expect(fromTemporary.digest).not.toBe(explicit.digest)
    expect(existsSync(temporary)).toBe(false)
    expect(existsSync(fromTemporary.files[0]?.localPath ?? '')).toBe(true)
    vi.unstubAllEnvs()
  })

  it('defect 2: span times are epoch ms with sub-ms precision at the moment of the event, not shifted by the timezone', async () => {
    process.env['TZ'] = 'Asia/Kolkata'
    expect(new Date(0).getTimezoneOffset()).toBe(-330)
    const handler = newHandler()
    const manager = handler.callbackManager
    const windows: { id: string; phase: 'start' | 'end'; before: number; after: number }[] = []
    await manager.asTrace('timed', async () => {
      for (let index = 0; index < 20; index += 1) {
        let before = preciseNowMs()
        const id = manager.onEventStart(CBEventType.RETRIEVE)
        windows.push({ id, phase: 'start', before, after: preciseNowMs() })
        await delay(index % 3)
        before = preciseNowMs()
        manager.onEventEnd(CBEventType.RETRIEVE, {}, id)
        windows.push({ id, phase: 'end', before, after: preciseNowMs() })
      }
    })
    const spans = new Map(allSpans(handler.traces[0]!.rootSpan).map((span) => [span.span_id, span]))
    for (const { id, phase, before, after } of windows) {
      const span = spans.get(id)!
      const timeMs = phase === 'start' ? span.start_time_ms : span.end_time_ms
      expect(timeMs).toBeGreaterThanOrEqual(before)
      expect(timeMs).toBeLessThanOrEqual(after)
      expect(Math.abs((timeMs as number) - Date.now())).toBeLessThan(60_000)
    }
    const times = [...spans.values()].flatMap((span) => [span.start_time_ms, span.end_time_ms])
    expect(times.some((time) => !Number.isInteger(time))).toBe(true)
  })

  it('defect 3: a start without an end still logs the trace, keeping that span as ERROR closed at the trace end', async () => {
    const handler = newHandler()
    const manager = handler.callbackManager
    let beforeEnd = 0
    await manager.asTrace('interrupted', () => {
      const query = manager.onEventStart(CBEventType.QUERY, { [EventPayload.QUERY_STR]: 'q' })
      const retrieve = manager.onEventStart(CBEventType.RETRIEVE)
      manager.onEventEnd(CBEventType.RETRIEVE, { [EventPayload.NODES]: [] }, retrieve)
      manager.onEventStart(CBEventType.LLM, { [EventPayload.PROMPT]: 'never answered' })
      manager.onEventEnd(CBEventType.QUERY, {}, query)
      beforeEnd = preciseNowMs()
    })
    const afterEnd = preciseNowMs()
    expect(handler.traces).toHaveLength(1)
    const root = handler.traces[0]!.rootSpan
    expect(allSpans(root).map((span) => span.name)).toEqual(['query', 'retrieve', 'llm'])
    const llm = spanNamed(root, 'llm')
    expect(llm.status_code).toBe('ERROR')
    expect(llm.status_message).toBe('llm did not end before its trace ended')
    expect(llm.end_time_ms).toBeGreaterThanOrEqual(beforeEnd)
    expect(llm.end_time_ms).toBeLessThanOrEqual(afterEnd)
    expect(inputsOf(llm)).toEqual({ [EventPayload.PROMPT]: 'never answered' })
    expect(spanNamed(root, 'retrieve').status_code).toBe('SUCCESS')
  })

  it('defect 4: several root events hang under one synthetic root named by the trace id, each logged once', async () => {
    const handler = newHandler()
    const manager = handler.callbackManager
    await manager.asTrace('ingest-and-ask', async () => {
      await manager.event(CBEventType.NODE_PARSING, {}, () => undefined)
      await manager.event(CBEventType.EMBEDDING, {}, () => undefined)
      await manager.event(CBEventType.QUERY, {}, () =>
        manager.event(CBEventType.LLM, {}, () => undefined),
      )
    })
    const root = handler.traces[0]!.rootSpan
    expect(root).toMatchObject({
      span_id: 'ingest-and-ask',
      name: 'ingest-and-ask',
      span_kind: 'CHAIN',
      results: null,
    })
    expect(childNames(root)).toEqual(['node_parsing', 'embedding', 'query'])
    const children = root.child_spans as Span[]
    expect(root.start_time_ms).toBeLessThanOrEqual(children[0]!.start_time_ms!)
    expect(root.end_time_ms).toBeGreaterThanOrEqual(children[2]!.end_time_ms!)
    const ids = allSpans(root).map((span) => span.span_id)
    expect(ids).toHaveLength(5)
    expect(new Set(ids).size).toBe(5)
    expect(allSpans(root).filter((span) => span.name === 'node_parsing')).toHaveLength(1)
  })

  it('defect 5: an EXCEPTION payload makes the span ERROR with the error message', async () => {
    const handler = newHandler()
    const manager = handler.callbackManager
    const error = new Error('rate limited by provider')
    await expect(
      manager.asTrace('failing', () =>
        manager.event(CBEventType.QUERY, {}, () =>
          manager.event(CBEventType.LLM, {}, () => {
            throw error
          }),
        ),
      ),
    ).rejects.toBe(error)
    handler.onEventStart(CBEventType.RETRIEVE, {}, 'r')
    handler.onEventEnd(CBEventType.RETRIEVE, { [EventPayload.EXCEPTION]: 'index missing' }, 'r')
    handler.endTrace('direct')
    const [failing, direct] = handler.traces
    for (const span of allSpans(failing!.rootSpan)) {
      expect(span.status_code).toBe('ERROR')
      expect(span.status_message).toBe('Error: rate limited by provider')
    }
    expect(direct!.rootSpan).toMatchObject({
      status_code: 'ERROR',
      status_message: 'index missing',
    })
  })

  it('defect 6: shaping never mutates payloads, and frozen payloads do not throw', async () => {
    const payloads = {
      parseStart: { [EventPayload.DOCUMENTS]: [{ text: 'doc one' }, { text: 'doc two' }] },
      parseEnd: { [EventPayload.NODES]: [{ id_: 'n1' }, { id_: 'n2' }, { id_: 'n3' }] },
      embedEnd: { [EventPayload.CHUNKS]: ['a', 'b'], [EventPayload.EMBEDDINGS]: [[1], [2]] },
      llmStart: {
        [EventPayload.MESSAGES]: [{ role: 'user', content: 'refund?' }],
        [EventPayload.PROMPT]: 'refund?',
      },
      llmEnd: { [EventPayload.RESPONSE]: { message: { role: 'assistant', content: '30 days' } } },
      retrieveEnd: { [EventPayload.NODES]: [{ node: { id_: 'n1', text: 'policy' }, score: 0.5 }] },
      queryEnd: { [EventPayload.RESPONSE]: { response: '30 days', sourceNodes: [] } },
    }
    const before = structuredClone(payloads)
    deepFreeze(payloads)
    const handler = newHandler()
    const manager = handler.callbackManager
    const run = () =>
      manager.asTrace('frozen', async () => {
        await manager.event(CBEventType.NODE_PARSING, payloads.parseStart, (event) =>
          event.setEndPayload(payloads.parseEnd),
        )
        await manager.event(CBEventType.EMBEDDING, {}, (event) =>
          event.setEndPayload(payloads.embedEnd),
        )
        await manager.event(CBEventType.QUERY, {}, async (query) => {
          await manager.event(CBEventType.RETRIEVE, {}, (event) =>
            event.setEndPayload(payloads.retrieveEnd),
          )
          await manager.event(CBEventType.LLM, payloads.llmStart, (event) =>
            event.setEndPayload(payloads.llmEnd),
          )
          query.setEndPayload(payloads.queryEnd)
        })
      })
    await expect(run()).resolves.toBeUndefined()
    expect(payloads).toEqual(before)
    const root = handler.traces[0]!.rootSpan
    expect(inputsOf(spanNamed(root, 'node_parsing'))).toEqual({ num_documents: 2 })
    expect(outputsOf(spanNamed(root, 'node_parsing'))).toEqual({ num_nodes: 3 })
    expect(inputsOf(spanNamed(root, 'llm'))?.[EventPayload.MESSAGES]).toBe('user: refund?')
    expect(outputsOf(spanNamed(root, 'embedding'))).toEqual({ num_chunks: 2, dimensions: 1 })
  })

  it('defect 7: a streamed response is detected and not consumed', async () => {
    const pulled: string[] = []
    async function* tokens() {
      for (const token of ['thirty', ' days']) {
        pulled.push(token)
        yield token
      }
    }
    const stream = tokens()
    const pythonStyle = { response_gen: tokens() }
    const handler = newHandler()
    const manager = handler.callbackManager
    await manager.asTrace('streaming', async () => {
      await manager.event(CBEventType.QUERY, { [EventPayload.QUERY_STR]: 'q' }, (query) =>
        query.setEndPayload({ [EventPayload.RESPONSE]: stream }),
      )
      await manager.event(CBEventType.SYNTHESIZE, {}, (synthesize) =>
        synthesize.setEndPayload({ [EventPayload.RESPONSE]: pythonStyle }),
      )
    })
    const root = handler.traces[0]!.rootSpan
    expect(outputsOf(spanNamed(root, 'query'))).toMatchObject({ streamed: true })
    expect(outputsOf(spanNamed(root, 'synthesize'))).toMatchObject({ streamed: true })
    expect(pulled).toEqual([])
    const received: string[] = []
    for await (const token of stream) received.push(token)
    expect(received).toEqual(['thirty', ' days'])
  })

  it('defect 8: reported usage is used and the tokenizer is never called', async () => {
    const tokenizer = vi.fn((text: string) => text.split(' '))
    const handler = new WandbCallbackHandler({ tokenizer })
    const manager = handler.callbackManager
    const usages = [
      { prompt_tokens: 11, completion_tokens: 2, total_tokens: 13 },
      { promptTokens: 5, completionTokens: 3, totalTokens: 8 },
      { input_tokens: 7, output_tokens: 1 },
    ]
    await manager.asTrace('usage', async () => {
      for (const usage of usages) {
        await manager.event(CBEventType.LLM, { [EventPayload.PROMPT]: 'a b c d e f g h' }, (llm) =>
          llm.setEndPayload({ [EventPayload.RESPONSE]: { text: 'x y z', raw: { usage } } }),
        )
      }
    })
    expect(tokenizer).not.toHaveBeenCalled()
    const llms = handler.traces[0]!.rootSpan.child_spans as Span[]
    expect(llms.map((span) => span.attributes)).toEqual([
      { formatted_prompt_tokens_count: 11, prediction_tokens_count: 2, total_tokens_used: 13 },
      { formatted_prompt_tokens_count: 5, prediction_tokens_count: 3, total_tokens_used: 8 },
      { formatted_prompt_tokens_count: 7, prediction_tokens_count: 1, total_tokens_used: 8 },
    ])
    expect(handler.traces[0]!.stats.totalTokens).toBe(29)
  })

  it('defect 9: concurrent pipelines through one handler give separate, correct traces', async () => {
    const handler = newHandler()
    const manager = handler.callbackManager
    const pipeline = (name: string, pauseMs: number) =>
      manager.asTrace(name, () =>
        manager.event(CBEventType.QUERY, { [EventPayload.QUERY_STR]: name }, async () => {
          await delay(pauseMs)
          await manager.event(CBEventType.RETRIEVE, { [EventPayload.QUERY_STR]: name }, () =>
            delay(pauseMs),
          )
          await manager.event(CBEventType.SYNTHESIZE, { [EventPayload.QUERY_STR]: name }, () =>
            manager.event(CBEventType.LLM, { [EventPayload.PROMPT]: name }, () => delay(pauseMs)),
          )
        }),
      )
    await Promise.all([pipeline('first', 3), pipeline('second', 1)])
    expect(handler.traces.map((trace) => trace.traceId).sort()).toEqual(['first', 'second'])
    for (const trace of handler.traces) {
      const root = trace.rootSpan
      expect(root.name).toBe('query')
      expect(childNames(root)).toEqual(['retrieve', 'synthesize'])
      expect(childNames(spanNamed(root, 'synthesize'))).toEqual(['llm'])
      const labels = allSpans(root).map(
        (span) => inputsOf(span)?.[EventPayload.QUERY_STR] ?? inputsOf(span)?.[EventPayload.PROMPT],
      )
      expect(labels).toEqual([trace.traceId, trace.traceId, trace.traceId, trace.traceId])
      expect(allSpans(root).every((span) => span.status_code === 'SUCCESS')).toBe(true)
      expect(root.attributes).toBeNull()
    }
  })

  it('defect 10: retrieve and synthesize spans carry the query, node ids, scores and a bounded preview', async () => {
    const longText = 'Refunds are issued within 30 days. '.repeat(40)
    const nodes = [
      { node: { id_: 'policy-1', text: longText }, score: 0.87 },
      { node: { id_: 'faq-7', text: 'Ask support.' }, score: 0.42 },
    ]
    const handler = newHandler()
    const manager = handler.callbackManager
    await manager.event(CBEventType.QUERY, { [EventPayload.QUERY_STR]: 'refund?' }, async () => {
      await manager.event(CBEventType.RETRIEVE, { [EventPayload.QUERY_STR]: 'refund?' }, (event) =>
        event.setEndPayload({ [EventPayload.NODES]: nodes }),
      )
      await manager.event(
        CBEventType.SYNTHESIZE,
        { [EventPayload.QUERY_STR]: 'refund?' },
        (event) =>
          event.setEndPayload({
            [EventPayload.RESPONSE]: { response: 'Within 30 days.', sourceNodes: nodes },
          }),
      )
    })
    const root = handler.traces[0]!.rootSpan
    const retrieve = spanNamed(root, 'retrieve')
    const synthesize = spanNamed(root, 'synthesize')
    const listed = [
      outputsOf(retrieve)?.[EventPayload.NODES],
      outputsOf(synthesize)?.['source_nodes'],
    ] as Record<string, unknown>[][]
    for (const [index, span] of [retrieve, synthesize].entries()) {
      expect(inputsOf(span)).toEqual({ [EventPayload.QUERY_STR]: 'refund?' })
      const summaries = listed[index]!
      expect(summaries.map((node) => [node['id'], node['score']])).toEqual([
        ['policy-1', 0.87],
        ['faq-7', 0.42],
      ])
      const preview = summaries[0]!['text'] as string
      expect(longText.startsWith(preview.slice(0, 200))).toBe(true)
      expect(preview.length).toBeLessThan(300)
      expect(preview).toMatch(/… \[truncated \d+ of 1400 chars\]$/)
      expect(summaries[1]!['text']).toBe('Ask support.')
    }
    expect(outputsOf(synthesize)?.[EventPayload.RESPONSE]).toBe('Within 30 days.')
  })
})
