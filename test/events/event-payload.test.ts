import { describe, expect, it } from 'vitest'
import { EventPayload } from '../../src/events/event-payload.js'

describe('EventPayload', () => {
  it('uses the string keys of LlamaIndex Python payloads', () => {
    expect(EventPayload.DOCUMENTS).toBe('documents')
    expect(EventPayload.CHUNKS).toBe('chunks')
    expect(EventPayload.NODES).toBe('nodes')
    expect(EventPayload.PROMPT).toBe('formatted_prompt')
    expect(EventPayload.MESSAGES).toBe('messages')
    expect(EventPayload.COMPLETION).toBe('completion')
    expect(EventPayload.RESPONSE).toBe('response')
    expect(EventPayload.QUERY_STR).toBe('query_str')
    expect(EventPayload.EMBEDDINGS).toBe('embeddings')
    expect(EventPayload.FUNCTION_OUTPUT).toBe('function_call_response')
    expect(EventPayload.EXCEPTION).toBe('exception')
  })

  it('has no two keys with the same value', () => {
    const values = Object.values(EventPayload)
    expect(new Set(values).size).toBe(values.length)
  })
})
