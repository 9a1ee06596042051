import { describe, expect, it } from 'vitest'
import { retrievedNodeIds } from '../../src/evaluation/retrieved-node-ids.js'
import { CBEventType, EventPayload } from '../../src/events/index.js'
import type { JsonObject } from '../../src/json.js'
import { WandbCallbackHandler } from '../../src/handler.js'
import { MAX_LISTED_NODES } from '../../src/trace/limits.js'
import { SpanKind } from '../../src/trace/span-kind.js'
import type { Span, TraceTree } from '../../src/trace/span.js'
import { wordTokenizer } from '../support/tokenizers.js'

function newHandler(): WandbCallbackHandler {
  return new WandbCallbackHandler({ tokenizer: wordTokenizer })
}

/** Retrieved nodes as LlamaIndex hands them over: `NodeWithScore` objects. */
function nodesWithIds(...ids: (string | number | undefined)[]): unknown[] {
  return ids.map((id, rank) => ({
    node: id === undefined ? { text: 'a node without an id' } : { id_: id, text: `text of ${id}` },
    score: 1 - rank / 10,
  }))
}

function retrieve(
  handler: WandbCallbackHandler,
  id: string,
  parentId: string | undefined,
  nodeIds: (string | number | undefined)[],
): () => void {
  handler.onEventStart(CBEventType.RETRIEVE, { [EventPayload.QUERY_STR]: 'q' }, id, parentId)
  return () =>
    handler.onEventEnd(CBEventType.RETRIEVE, { [EventPayload.NODES]: nodesWithIds(...nodeIds) }, id)
}

describe('retrievedNodeIds', () => {
  it('lists the node ids of a retrieve span in rank order', () => {
    const handler = newHandler()
    handler.startTrace('one')
    handler.onEventStart(CBEventType.QUERY, { [EventPayload.QUERY_STR]: 'q' }, 'query')
    retrieve(handler, 'r', 'query', ['n3', 'n1', 'n2'])()
    handler.onEventEnd(CBEventType.QUERY, { [EventPayload.RESPONSE]: 'answer' }, 'query')
    handler.endTrace('one')
    expect(retrievedNodeIds(handler.traces)).toEqual(['n3', 'n1', 'n2'])
  })

  it('walks spans depth first in start order, a nested retrieve after the one around it', () => {
    const handler = newHandler()
    handler.startTrace('nested')
    handler.onEventStart(CBEventType.QUERY, {}, 'query')
    // The outer retrieve starts first and ends last; its nested retrieve ends first.
    const endOuter = retrieve(handler, 'outer', 'query', ['outer-1', 'outer-2'])
    retrieve(handler, 'inner', 'outer', ['inner-1', 'inner-2'])()
    endOuter()
    handler.onEventStart(CBEventType.SYNTHESIZE, {}, 'synthesize', 'query')
    retrieve(handler, 'late', 'synthesize', ['late-1'])()
    handler.onEventEnd(CBEventType.SYNTHESIZE, { [EventPayload.RESPONSE]: 'answer' }, 'synthesize')
    handler.onEventEnd(CBEventType.QUERY, {}, 'query')
    handler.endTrace('nested')
    expect(retrievedNodeIds(handler.traces)).toEqual([
      'outer-1',
      'outer-2',
      'inner-1',
      'inner-2',
      'late-1',
    ])
  })

  it('joins the ids of several traces, in the order of the traces', () => {
    const handler = newHandler()
    handler.startTrace('first')
    retrieve(handler, 'r1', undefined, ['a', 'b'])()
    handler.endTrace('first')
    handler.startTrace('second')
    // Two top-level events: the trace gets a synthetic root holding both.
    retrieve(handler, 'r2', undefined, ['c'])()
    retrieve(handler, 'r3', undefined, ['a'])()
    handler.endTrace('second')
    const traces = handler.traces
    expect(traces.map((trace) => trace.traceId)).toEqual(['first', 'second'])
    expect(retrievedNodeIds(traces)).toEqual(['a', 'b', 'c', 'a'])
    expect(retrievedNodeIds([...traces].reverse())).toEqual(['c', 'a', 'a', 'b'])
  })

  it('leaves out nodes recorded without an id and keeps numeric ids as strings', () => {
    const handler = newHandler()
    handler.startTrace('ids')
    retrieve(handler, 'r', undefined, ['a', undefined, 7, 'b'])()
    handler.endTrace('ids')
    const outputs = handler.traces[0]?.rootSpan.results?.[0]?.outputs
    expect(outputs?.[EventPayload.NODES]).toMatchObject([
      { id: 'a' },
      { id: null },
      { id: '7' },
      { id: 'b' },
    ])
    expect(retrievedNodeIds(handler.traces)).toEqual(['a', '7', 'b'])
  })

  it('reads only retrieve spans, not the source nodes of a synthesize span', () => {
    const handler = newHandler()
    handler.startTrace('sources')
    handler.onEventStart(CBEventType.SYNTHESIZE, {}, 's')
    handler.onEventEnd(
      CBEventType.SYNTHESIZE,
      { [EventPayload.RESPONSE]: 'answer', [EventPayload.NODES]: nodesWithIds('cited') },
      's',
    )
    handler.endTrace('sources')
    expect(handler.traces[0]?.rootSpan.results?.[0]?.outputs?.['source_nodes']).toMatchObject([
      { id: 'cited' },
    ])
    expect(retrievedNodeIds(handler.traces)).toEqual([])
  })

  it('gives the ids a retrieve span recorded, which are its first MAX_LISTED_NODES', () => {
    const handler = newHandler()
    handler.startTrace('many')
    const ids = Array.from({ length: MAX_LISTED_NODES + 5 }, (_, rank) => `n${rank}`)
    retrieve(handler, 'r', undefined, ids)()
    handler.endTrace('many')
    expect(retrievedNodeIds(handler.traces)).toEqual(ids.slice(0, MAX_LISTED_NODES))
  })

  it('gives nothing for no traces, or a retrieve span that has not ended', () => {
    const handler = newHandler()
    handler.startTrace('unended')
    retrieve(handler, 'r', undefined, ['never-recorded'])
    handler.endTrace('unended')
    expect(handler.traces).toHaveLength(1)
    expect(retrievedNodeIds(handler.traces)).toEqual([])
    expect(retrievedNodeIds([])).toEqual([])
  })

  it('walks a tree 10,000 spans deep without overflowing the stack', () => {
    // The handler flattens nesting past 100 levels, so a tree this deep is built by hand.
    const depth = 10_000
    let span = retrieveSpan('bottom', ['deepest'])
    for (let level = depth - 1; level >= 0; level -= 1) {
      const children =
        level % 1000 === 0 ? [retrieveSpan(`r${level}`, [`at-${level}`]), span] : [span]
      span = { ...retrieveSpan(`q${level}`, []), name: CBEventType.QUERY, child_spans: children }
    }
    const trace: TraceTree = { traceId: 'deep', rootSpan: span, stats: emptyStatsOf(depth) }
    const expected = [...Array.from({ length: 10 }, (_, index) => `at-${index * 1000}`), 'deepest']
    expect(retrievedNodeIds([trace])).toEqual(expected)
  })
})

function retrieveSpan(id: string, nodeIds: string[]): Span {
  const outputs: JsonObject = {
    [EventPayload.NODES]: nodeIds.map((nodeId) => ({ id: nodeId, score: null, text: null })),
  }
  return {
    span_id: id,
    name: CBEventType.RETRIEVE,
    start_time_ms: 0,
    end_time_ms: 0,
    status_code: 'SUCCESS',
    status_message: null,
    attributes: null,
    results: [{ inputs: null, outputs }],
    child_spans: null,
    span_kind: SpanKind.TOOL,
  }
}

function emptyStatsOf(spans: number): TraceTree['stats'] {
  return { spans, llmCalls: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0 }
}
