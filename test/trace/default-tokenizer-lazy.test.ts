import { describe, expect, it } from 'vitest'
import { CBEventType, EventPayload } from '../../src/events/index.js'
import { WandbCallbackHandler } from '../../src/handler.js'
import { isDefaultTokenizerLoaded } from '../../src/trace/token-counter.js'

// Alone in its file: the encoder is process state, and no other test in this worker may build it first.
describe('the default tokenizer', () => {
  it('is not built for a trace without LLM events', async () => {
    const handler = new WandbCallbackHandler()
    const manager = handler.callbackManager
    await manager.asTrace('no-llm', async () => {
      const query = manager.onEventStart(CBEventType.QUERY, { [EventPayload.QUERY_STR]: 'q' })
      const embed = manager.onEventStart(CBEventType.EMBEDDING, { [EventPayload.CHUNKS]: ['a'] })
      manager.onEventEnd(CBEventType.EMBEDDING, { [EventPayload.CHUNKS]: ['a'] }, embed)
      manager.onEventEnd(CBEventType.QUERY, { [EventPayload.RESPONSE]: 'a long answer' }, query)
    })
    expect(handler.traces).toHaveLength(1)
    expect(handler.traces[0]?.stats.spans).toBe(2)
    expect(isDefaultTokenizerLoaded()).toBe(false)
  })

  it('is not built for an LLM event that reports its usage', async () => {
    const handler = new WandbCallbackHandler()
    const manager = handler.callbackManager
    await manager.event(CBEventType.LLM, { [EventPayload.PROMPT]: 'count me?' }, (event) => {
      event.setEndPayload({
        [EventPayload.RESPONSE]: {
          text: 'no',
          raw: { usage: { prompt_tokens: 3, completion_tokens: 1 } },
        },
      })
    })
    expect(handler.traces[0]?.stats.totalTokens).toBe(4)
    expect(isDefaultTokenizerLoaded()).toBe(false)
  })

  it('is built when an LLM event reports no usage, and counts with cl100k', async () => {
    const handler = new WandbCallbackHandler()
    const manager = handler.callbackManager
    await manager.event(CBEventType.LLM, { [EventPayload.PROMPT]: 'hello world' }, (event) => {
      event.setEndPayload({ [EventPayload.RESPONSE]: 'hello' })
    })
    expect(handler.traces[0]?.rootSpan.attributes).toEqual({
      formatted_prompt_tokens_count: 2,
      prediction_tokens_count: 1,
      total_tokens_used: 3,
    })
    expect(isDefaultTokenizerLoaded()).toBe(true)
  })
})
