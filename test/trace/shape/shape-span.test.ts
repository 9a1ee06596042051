import { describe, expect, it } from 'vitest'
import { CBEventType, EventPayload } from '../../../src/events/index.js'
import { shapeGeneric } from '../../../src/trace/shape/shape-generic.js'
import { shapeSpan } from '../../../src/trace/shape/shape-span.js'
import { shapeContext } from '../../support/shape-context.js'

describe('shapeSpan', () => {
  it('picks the rule of each shaped event type', () => {
    const context = shapeContext()
    expect(
      shapeSpan(CBEventType.NODE_PARSING, { start: { documents: [1] }, end: undefined }, context)
        .inputs,
    ).toEqual({ num_documents: 1 })
    expect(
      shapeSpan(CBEventType.EMBEDDING, { start: {}, end: { chunks: [1] } }, context).outputs,
    ).toEqual({
      num_chunks: 1,
    })
    expect(
      Object.keys(shapeSpan(CBEventType.LLM, { start: {}, end: {} }, context).attributes),
    ).toEqual(['formatted_prompt_tokens_count', 'prediction_tokens_count', 'total_tokens_used'])
    for (const type of [CBEventType.QUERY, CBEventType.SYNTHESIZE]) {
      expect(
        shapeSpan(type, { start: {}, end: { [EventPayload.RESPONSE]: { response: 'r' } } }, context)
          .outputs,
      ).toEqual({ [EventPayload.RESPONSE]: 'r' })
    }
    expect(
      shapeSpan(CBEventType.RETRIEVE, { start: {}, end: { nodes: [] } }, context).outputs,
    ).toEqual({ nodes: [], num_nodes: 0 })
  })

  it('keeps both payloads, bounded, for other and unknown types', () => {
    const pair = {
      start: { tool: 'search', big: 2n },
      end: { [EventPayload.FUNCTION_OUTPUT]: 'ok' },
    }
    for (const type of [CBEventType.FUNCTION_CALL, CBEventType.RERANKING, 'my_step']) {
      expect(shapeSpan(type, pair, shapeContext())).toEqual({
        inputs: { tool: 'search', big: '2n' },
        outputs: { [EventPayload.FUNCTION_OUTPUT]: 'ok' },
        attributes: {},
      })
    }
  })
})

describe('shapeGeneric', () => {
  it('wraps a payload that is not an object and gives null for none', () => {
    const shaped = shapeGeneric(
      { start: 'raw text' as unknown as Record<string, unknown>, end: undefined },
      shapeContext(),
    )
    expect(shaped.inputs).toEqual({ value: 'raw text' })
    expect(shaped.outputs).toBeNull()
  })
})
