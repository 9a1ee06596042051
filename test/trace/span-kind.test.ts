import { describe, expect, it } from 'vitest'
import { CBEventType } from '../../src/events/event-type.js'
import { SpanKind, spanKindOf } from '../../src/trace/span-kind.js'

describe('spanKindOf', () => {
  it('follows the seed map for every event type', () => {
    const kinds = Object.fromEntries(
      Object.values(CBEventType).map((type) => [type, spanKindOf(type)]),
    )
    expect(kinds).toEqual({
      llm: 'LLM',
      query: 'AGENT',
      agent_step: 'AGENT',
      retrieve: 'TOOL',
      function_call: 'TOOL',
      synthesize: 'CHAIN',
      tree: 'CHAIN',
      sub_question: 'CHAIN',
      reranking: 'CHAIN',
      chunking: null,
      node_parsing: null,
      embedding: null,
      templating: null,
      exception: null,
    })
  })

  it('gives no kind to unknown types', () => {
    expect(spanKindOf('my_step')).toBeNull()
    expect(spanKindOf('LLM')).toBeNull()
  })

  it('offers exactly the four W&B kinds', () => {
    expect(Object.values(SpanKind)).toEqual(['LLM', 'CHAIN', 'AGENT', 'TOOL'])
  })
})
