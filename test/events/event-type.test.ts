import { describe, expect, it } from 'vitest'
import { CBEventType, isKnownEventType } from '../../src/events/event-type.js'

describe('CBEventType', () => {
  it('uses the string values of LlamaIndex Python event types', () => {
    expect(CBEventType).toEqual({
      CHUNKING: 'chunking',
      NODE_PARSING: 'node_parsing',
      EMBEDDING: 'embedding',
      LLM: 'llm',
      QUERY: 'query',
      RETRIEVE: 'retrieve',
      SYNTHESIZE: 'synthesize',
      TREE: 'tree',
      SUB_QUESTION: 'sub_question',
      TEMPLATING: 'templating',
      FUNCTION_CALL: 'function_call',
      RERANKING: 'reranking',
      EXCEPTION: 'exception',
      AGENT_STEP: 'agent_step',
    })
  })
})

describe('isKnownEventType', () => {
  it('accepts every event type value', () => {
    for (const value of Object.values(CBEventType)) expect(isKnownEventType(value)).toBe(true)
  })

  it('rejects unknown names, key names and non-strings', () => {
    expect(isKnownEventType('my_step')).toBe(false)
    expect(isKnownEventType('LLM')).toBe(false)
    expect(isKnownEventType(undefined)).toBe(false)
    expect(isKnownEventType(42)).toBe(false)
    expect(isKnownEventType({ toString: () => 'llm' })).toBe(false)
  })
})
