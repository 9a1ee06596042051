import { describe, expect, it } from 'vitest'
import type { CBEvent } from '../../src/events/cb-event.js'
import { CBEventType, EventPayload } from '../../src/events/index.js'
import { buildTraceTree, DEFAULT_MAX_SPAN_DEPTH } from '../../src/trace/build-tree.js'
import type { BuildOptions, TraceRecording } from '../../src/trace/build-tree.js'
import { DEFAULT_PAYLOAD_LIMITS } from '../../src/trace/limits.js'
import { endOf, startOf } from '../support/events.js'
import { allSpans, childNames, inputsOf, outputsOf, spanNamed } from '../support/spans.js'
import { wordTokenizer } from '../support/tokenizers.js'

const options: BuildOptions = {
  limits: DEFAULT_PAYLOAD_LIMITS,
  tokenizer: wordTokenizer,
  maxDepth: DEFAULT_MAX_SPAN_DEPTH,
}

function recording(
  events: readonly CBEvent[],
  extra: Partial<TraceRecording> = {},
): TraceRecording {
  return {
    traceId: 'trace-1',
    startMs: 1000,
    endMs: 9_000_000_000_000,
    events,
    ignoredEndTypes: new Set(),
    droppedSpans: 0,
    ...extra,
  }
}

function build(events: readonly CBEvent[], extra: Partial<TraceRecording> = {}) {
  const tree = buildTraceTree(recording(events, extra), options)
  if (tree === undefined) throw new Error('expected a trace tree')
  return tree
}

describe('buildTraceTree', () => {
  it('gives no tree for a trace without events', () => {
    expect(buildTraceTree(recording([]), options)).toBeUndefined()
    expect(buildTraceTree(recording([endOf('llm', 'ghost')]), options)).toBeUndefined()
  })

  it('uses a single top-level event as the root span, with its children in start order', () => {
    const tree = build([
      startOf(CBEventType.QUERY, 'q', { timeMs: 10.25 }),
      startOf(CBEventType.RETRIEVE, 'r', { parentId: 'q', timeMs: 11 }),
      endOf(CBEventType.RETRIEVE, 'r', { timeMs: 12 }),
      startOf(CBEventType.SYNTHESIZE, 's', { parentId: 'q', timeMs: 13 }),
      endOf(CBEventType.SYNTHESIZE, 's', { timeMs: 14 }),
      endOf(CBEventType.QUERY, 'q', { timeMs: 15.75 }),
    ])
    expect(tree.traceId).toBe('trace-1')
    expect(tree.rootSpan).toMatchObject({
      span_id: 'q',
      name: 'query',
      start_time_ms: 10.25,
      end_time_ms: 15.75,
      status_code: 'SUCCESS',
      status_message: null,
      span_kind: 'AGENT',
    })
    expect(childNames(tree.rootSpan)).toEqual(['retrieve', 'synthesize'])
    expect(spanNamed(tree.rootSpan, 'retrieve').span_kind).toBe('TOOL')
    expect(spanNamed(tree.rootSpan, 'retrieve').child_spans).toBeNull()
  })

  it('hangs several top-level events under one synthetic root named by the trace id', () => {
    const tree = build(
      [
        startOf(CBEventType.EMBEDDING, 'e', { timeMs: 2000 }),
        endOf(CBEventType.EMBEDDING, 'e', { timeMs: 2001 }),
        startOf(CBEventType.QUERY, 'q', { timeMs: 2002 }),
        endOf(CBEventType.QUERY, 'q', { timeMs: 2003 }),
      ],
      { startMs: 1999, endMs: 2004 },
    )
    expect(tree.rootSpan).toEqual({
      span_id: 'trace-1',
      name: 'trace-1',
      start_time_ms: 1999,
      end_time_ms: 2004,
      status_code: 'SUCCESS',
      status_message: null,
      attributes: null,
      results: null,
      child_spans: tree.rootSpan.child_spans,
      span_kind: 'CHAIN',
    })
    expect(childNames(tree.rootSpan)).toEqual(['embedding', 'query'])
  })

  it('marks the synthetic root ERROR when a top-level span failed', () => {
    const tree = build([
      startOf(CBEventType.QUERY, 'a'),
      endOf(CBEventType.QUERY, 'a'),
      startOf(CBEventType.LLM, 'b'),
      endOf(CBEventType.LLM, 'b', { payload: { [EventPayload.EXCEPTION]: new Error('quota') } }),
    ])
    expect(tree.rootSpan.status_code).toBe('ERROR')
    expect(tree.rootSpan.status_message).toBe('llm failed: Error: quota')
  })

  it('keeps a span that never ended, as ERROR closed at the trace end', () => {
    const tree = build(
      [
        startOf(CBEventType.QUERY, 'q', { timeMs: 5 }),
        startOf(CBEventType.LLM, 'l', { parentId: 'q', timeMs: 6 }),
      ],
      { endMs: 50 },
    )
    for (const span of allSpans(tree.rootSpan)) {
      expect(span.status_code).toBe('ERROR')
      expect(span.end_time_ms).toBe(50)
      expect(span.status_message).toMatch(/did not end before its trace ended/)
    }
  })

  it('closes a span whose end type is ignored at the trace end without error', () => {
    const tree = build([startOf(CBEventType.LLM, 'l', { timeMs: 5 })], {
      endMs: 50,
      ignoredEndTypes: new Set([CBEventType.LLM]),
    })
    expect(tree.rootSpan.status_code).toBe('SUCCESS')
    expect(tree.rootSpan.end_time_ms).toBe(50)
    expect(outputsOf(tree.rootSpan)).toBeNull()
  })

  it('never ends a span before it starts', () => {
    const tree = build([
      startOf(CBEventType.QUERY, 'q', { timeMs: 100 }),
      endOf(CBEventType.QUERY, 'q', { timeMs: 90 }),
    ])
    expect(tree.rootSpan.start_time_ms).toBe(100)
    expect(tree.rootSpan.end_time_ms).toBe(100)
  })

  it('reports ends without starts and dropped spans on the root', () => {
    const tree = build(
      [
        startOf(CBEventType.QUERY, 'q'),
        endOf(CBEventType.LLM, 'ghost-1'),
        endOf(CBEventType.QUERY, 'q'),
        endOf(CBEventType.LLM, 'ghost-2'),
      ],
      { droppedSpans: 3 },
    )
    expect(tree.rootSpan.attributes).toEqual({
      unmatched_end_count: 2,
      unmatched_end_ids: ['ghost-1', 'ghost-2'],
      dropped_spans: 3,
    })
  })

  it('notes repeated ids and moved parents on the spans they concern', () => {
    const tree = build([
      startOf(CBEventType.QUERY, 'q'),
      startOf(CBEventType.LLM, 'x', { parentId: 'q' }),
      endOf(CBEventType.LLM, 'x'),
      startOf(CBEventType.EMBEDDING, 'x', { parentId: 'q' }),
      startOf(CBEventType.RETRIEVE, 'r', { parentId: 'nowhere' }),
    ])
    const query = spanNamed(tree.rootSpan, 'query')
    expect(childNames(tree.rootSpan)).toEqual(['query', 'retrieve'])
    expect(childNames(query)).toEqual(['llm', 'embedding'])
    expect(spanNamed(tree.rootSpan, 'llm').span_id).toBe('x')
    expect(spanNamed(tree.rootSpan, 'llm').attributes).not.toHaveProperty('duplicate_event_id')
    expect(spanNamed(tree.rootSpan, 'embedding')).toMatchObject({
      span_id: 'x#2',
      attributes: { duplicate_event_id: 'x' },
    })
    expect(spanNamed(tree.rootSpan, 'retrieve').attributes).toEqual({
      diagnostic: 'parent_not_found',
    })
  })

  it('follows the trace map when one is given', () => {
    const tree = build(
      [startOf(CBEventType.QUERY, 'q'), startOf(CBEventType.LLM, 'l'), endOf(CBEventType.LLM, 'l')],
      {
        traceMap: new Map([
          ['root', ['q']],
          ['q', ['l']],
        ]),
      },
    )
    expect(tree.rootSpan.name).toBe('query')
    expect(childNames(tree.rootSpan)).toEqual(['llm'])
  })

  it('names spans after their event type, unknown types included, with no kind for those', () => {
    const tree = build([
      startOf('my_custom_step', 'c', { payload: { k: 1 } }),
      endOf('my_custom_step', 'c', { payload: { v: 2 } }),
    ])
    expect(tree.rootSpan).toMatchObject({ name: 'my_custom_step', span_kind: null })
    expect(tree.rootSpan.results).toEqual([{ inputs: { k: 1 }, outputs: { v: 2 } }])
  })

  it('adds up spans, LLM calls and tokens', () => {
    const usage = { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 }
    const tree = build([
      startOf(CBEventType.QUERY, 'q'),
      startOf(CBEventType.LLM, 'a', { parentId: 'q' }),
      endOf(CBEventType.LLM, 'a', { payload: { response: { text: 'x', raw: { usage } } } }),
      startOf(CBEventType.LLM, 'b', {
        parentId: 'q',
        payload: { formatted_prompt: 'three word prompt' },
      }),
      endOf(CBEventType.LLM, 'b', { payload: { response: 'two words' } }),
      endOf(CBEventType.QUERY, 'q'),
    ])
    expect(tree.stats).toEqual({
      spans: 3,
      llmCalls: 2,
      promptTokens: 13,
      completionTokens: 4,
      totalTokens: 17,
    })
  })

  it('falls back to the plain shape when a shaping rule fails', () => {
    const tree = build([
      startOf(CBEventType.LLM, 'l', { payload: { formatted_prompt: 'hi' } }),
      endOf(CBEventType.LLM, 'l', { payload: { response: 'ok' } }),
    ])
    expect(inputsOf(tree.rootSpan)).toEqual({ formatted_prompt: 'hi' })
    const broken = build([startOf(CBEventType.LLM, 'l', { payload: revokedPayload() })])
    expect(broken.rootSpan.name).toBe('llm')
    expect(broken.rootSpan.attributes?.['shaping_error']).toMatch(/TypeError/)
    expect(broken.rootSpan.results).toEqual([{ inputs: null, outputs: null }])
  })
})

function revokedPayload(): Record<string, unknown> {
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  return proxy
}
