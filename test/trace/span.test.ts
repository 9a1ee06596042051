import { describe, expect, it } from 'vitest'
import { addStats, emptyStats, toWandbTraceTree } from '../../src/trace/span.js'
import type { Span } from '../../src/trace/span.js'

describe('toWandbTraceTree', () => {
  it('wraps the root span as W&B trace-tree JSON', () => {
    const root: Span = {
      span_id: 'a',
      name: 'query',
      start_time_ms: 1.5,
      end_time_ms: 2.5,
      status_code: 'SUCCESS',
      status_message: null,
      attributes: null,
      results: [{ inputs: { q: 'x' }, outputs: null }],
      child_spans: null,
      span_kind: 'AGENT',
    }
    const value = toWandbTraceTree(root)
    expect(Object.keys(value)).toEqual(['_type', 'root_span_dumps'])
    expect(value._type).toBe('wb_trace_tree')
    expect(JSON.parse(value.root_span_dumps)).toEqual(root)
  })
})

describe('addStats', () => {
  it('adds totals together', () => {
    const total = emptyStats()
    addStats(total, { spans: 2, llmCalls: 1, promptTokens: 3, completionTokens: 4, totalTokens: 7 })
    addStats(total, { spans: 1, llmCalls: 1, promptTokens: 1, completionTokens: 1, totalTokens: 2 })
    expect(total).toEqual({
      spans: 3,
      llmCalls: 2,
      promptTokens: 4,
      completionTokens: 5,
      totalTokens: 9,
    })
  })
})
