import { describe, expect, it } from 'vitest'
import { CBEventType, EventPayload } from '../../src/events/index.js'
import { WandbCallbackHandler } from '../../src/handler.js'
import type { Span } from '../../src/trace/span.js'
import { wordTokenizer } from '../support/tokenizers.js'

const QUESTION = 'What is the refund window?'
const NODES = [
  {
    node: { id_: 'policy-1', text: 'Refunds are accepted within 30 days of purchase.' },
    score: 0.92,
  },
  { node: { id_: 'faq-3', text: 'Contact support for late refunds.' }, score: 0.61 },
]

const SUMMARIZED_NODES = [
  { id: 'policy-1', score: 0.92, text: 'Refunds are accepted within 30 days of purchase.' },
  { id: 'faq-3', score: 0.61, text: 'Contact support for late refunds.' },
]

const EXPECTED_ROOT = {
  span_id: '1',
  name: 'query',
  start_time_ms: 0,
  end_time_ms: 0,
  status_code: 'SUCCESS',
  status_message: null,
  attributes: null,
  results: [
    {
      inputs: { query_str: QUESTION },
      outputs: { response: '30 days.', source_nodes: SUMMARIZED_NODES },
    },
  ],
  child_spans: [
    {
      span_id: '2',
      name: 'retrieve',
      start_time_ms: 0,
      end_time_ms: 0,
      status_code: 'SUCCESS',
      status_message: null,
      attributes: null,
      results: [
        { inputs: { query_str: QUESTION }, outputs: { nodes: SUMMARIZED_NODES, num_nodes: 2 } },
      ],
      child_spans: null,
      span_kind: 'TOOL',
    },
    {
      span_id: '3',
      name: 'synthesize',
      start_time_ms: 0,
      end_time_ms: 0,
      status_code: 'SUCCESS',
      status_message: null,
      attributes: null,
      results: [
        {
          inputs: { query_str: QUESTION },
          outputs: { response: '30 days.', source_nodes: SUMMARIZED_NODES },
        },
      ],
      child_spans: [
        {
          span_id: '4',
          name: 'llm',
          start_time_ms: 0,
          end_time_ms: 0,
          status_code: 'SUCCESS',
          status_message: null,
          attributes: {
            formatted_prompt_tokens_count: 42,
            prediction_tokens_count: 3,
            total_tokens_used: 45,
          },
          results: [
            {
              inputs: { messages: `system: Answer from the context.\nuser: ${QUESTION}` },
              outputs: { response: 'assistant: 30 days.' },
            },
          ],
          child_spans: null,
          span_kind: 'LLM',
        },
      ],
      span_kind: 'CHAIN',
    },
  ],
  span_kind: 'AGENT',
}

/** Span ids become their pre-order position and times become 0; everything else is kept. */
function normalize(root: Span): Span {
  let position = 0
  const visit = (span: Span): Span => {
    position += 1
    const spanId = String(position)
    return {
      ...span,
      span_id: spanId,
      start_time_ms: 0,
      end_time_ms: 0,
      child_spans: span.child_spans === null ? null : span.child_spans.map(visit),
    }
  }
  return visit(root)
}

async function runQueryPipeline(handler: WandbCallbackHandler): Promise<void> {
  const manager = handler.callbackManager
  await manager.asTrace('golden-query', () => {
    const query = manager.onEventStart(CBEventType.QUERY, { [EventPayload.QUERY_STR]: QUESTION })
    const retrieve = manager.onEventStart(CBEventType.RETRIEVE, {
      [EventPayload.QUERY_STR]: QUESTION,
    })
    manager.onEventEnd(CBEventType.RETRIEVE, { [EventPayload.NODES]: NODES }, retrieve)
    const synthesize = manager.onEventStart(CBEventType.SYNTHESIZE, {
      [EventPayload.QUERY_STR]: QUESTION,
    })
    const llm = manager.onEventStart(CBEventType.LLM, {
      [EventPayload.MESSAGES]: [
        { role: 'system', content: 'Answer from the context.' },
        { role: 'user', content: QUESTION },
      ],
    })
    manager.onEventEnd(
      CBEventType.LLM,
      {
        [EventPayload.RESPONSE]: {
          message: { role: 'assistant', content: '30 days.' },
          raw: { usage: { prompt_tokens: 42, completion_tokens: 3, total_tokens: 45 } },
        },
      },
      llm,
    )
    const answer = { response: '30 days.', sourceNodes: NODES }
    manager.onEventEnd(CBEventType.SYNTHESIZE, { [EventPayload.RESPONSE]: answer }, synthesize)
    manager.onEventEnd(CBEventType.QUERY, { [EventPayload.RESPONSE]: answer }, query)
  })
}

describe('golden: a query trace', () => {
  it('builds exactly the expected trace tree', async () => {
    const handler = new WandbCallbackHandler({ tokenizer: wordTokenizer })
    await runQueryPipeline(handler)
    expect(handler.traces).toHaveLength(1)
    const trace = handler.traces[0]!
    expect(trace.traceId).toBe('golden-query')
    const normalized = normalize(trace.rootSpan)
    expect(normalized).toEqual(EXPECTED_ROOT)
    expect(JSON.stringify(normalized, null, 2)).toBe(JSON.stringify(EXPECTED_ROOT, null, 2))
    expect(trace.stats).toEqual({
      spans: 4,
      llmCalls: 1,
      promptTokens: 42,
      completionTokens: 3,
      totalTokens: 45,
    })
  })

  it('gives the same normalized tree on every run', async () => {
    const first = new WandbCallbackHandler({ tokenizer: wordTokenizer })
    const second = new WandbCallbackHandler({ tokenizer: wordTokenizer })
    await runQueryPipeline(first)
    await runQueryPipeline(second)
    expect(first.traces[0]!.rootSpan.span_id).not.toBe(second.traces[0]!.rootSpan.span_id)
    expect(JSON.stringify(normalize(first.traces[0]!.rootSpan))).toBe(
      JSON.stringify(normalize(second.traces[0]!.rootSpan)),
    )
  })
})
