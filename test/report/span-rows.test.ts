import { describe, expect, it } from 'vitest'
import { spanRows } from '../../src/report/span-rows.js'
import { span, trace } from '../compare/support/sessions.js'

describe('spanRows', () => {
  it('lists every span depth first, pipeline traces before judge traces', () => {
    const pipeline = trace(
      span('query', 'AGENT', [span('retrieve', 'TOOL', [span('embedding')]), span('llm', 'LLM')]),
    )
    const judge = trace(span('evaluate', 'CHAIN', [span('llm', 'LLM')]))
    const rows = spanRows([pipeline], [judge])
    expect(rows.map((row) => [row.depth, row.name, row.kind, row.judge])).toEqual([
      [0, 'query', 'AGENT', false],
      [1, 'retrieve', 'TOOL', false],
      [2, 'embedding', null, false],
      [1, 'llm', 'LLM', false],
      [0, 'evaluate', 'CHAIN', true],
      [1, 'llm', 'LLM', true],
    ])
  })

  it('keeps status, times, token counts, attributes and each result as the span holds them', () => {
    const llm = {
      ...span('llm', 'LLM'),
      start_time_ms: 10.5,
      end_time_ms: 12.25,
      status_code: 'ERROR' as const,
      status_message: 'rate limited',
      attributes: { total_tokens_used: 42, formatted_prompt_tokens_count: 30 },
      results: [{ inputs: { messages: 'user: hi' }, outputs: null }],
    }
    const [row] = spanRows([trace(llm)], [])
    expect(row).toEqual({
      depth: 0,
      name: 'llm',
      kind: 'LLM',
      status: 'ERROR',
      message: 'rate limited',
      startMs: 10.5,
      endMs: 12.25,
      tokens: 42,
      judge: false,
      attributes: { total_tokens_used: 42, formatted_prompt_tokens_count: 30 },
      results: [{ inputs: { messages: 'user: hi' }, outputs: null }],
    })
  })

  it('gives null for missing times, names and counts, and no results for none', () => {
    const bare = {
      ...span('x'),
      name: null,
      start_time_ms: null,
      end_time_ms: Number.NaN,
      attributes: { total_tokens_used: 'many' },
      results: null,
    }
    const [row] = spanRows([trace(bare)], [])
    expect(row).toMatchObject({ name: '', startMs: null, endMs: null, tokens: null, results: [] })
  })
})
