import { describe, expect, it } from 'vitest'
import { WandbCallbackHandler } from '../../src/handler.js'
import { decodeTestTraces, encodeTestTraces, TEST_META_KEY } from '../../src/vitest/test-meta.js'

describe('test meta', () => {
  it("carries a handler's traces and their totals as one JSON string", async () => {
    const handler = new WandbCallbackHandler()
    const cm = handler.callbackManager
    for (const tokens of [3, 4]) {
      await cm.event('llm', undefined, (llm) =>
        llm.setEndPayload({
          response: 'r',
          raw: { usage: { total_tokens: tokens, prompt_tokens: 1 } },
        }),
      )
    }
    const encoded = encodeTestTraces(handler)
    expect(typeof encoded).toBe('string')
    const decoded = decodeTestTraces({ [TEST_META_KEY]: encoded })
    expect(decoded.traces).toEqual(JSON.parse(JSON.stringify(handler.traces)))
    expect(decoded.stats).toEqual({
      spans: 2,
      llmCalls: 2,
      promptTokens: 2,
      completionTokens: 5,
      totalTokens: 7,
    })
  })

  it('reads no traces from a test without our meta', () => {
    expect(decodeTestTraces({})).toEqual({
      traces: [],
      stats: { spans: 0, llmCalls: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0 },
      indexes: [],
      inputs: [],
      judgeTraces: [],
      judgeStats: { spans: 0, llmCalls: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0 },
      scores: [],
    })
  })

  it('refuses a meta of another format rather than guessing', () => {
    expect(() => decodeTestTraces({ [TEST_META_KEY]: '{"version":9,"traces":[]}' })).toThrow(
      'unknown format (version 9)',
    )
    expect(() => decodeTestTraces({ [TEST_META_KEY]: 'not json' })).toThrow()
  })
})
