import { describe, expect, it } from 'vitest'
import { reportedUsage } from '../../src/trace/usage.js'

describe('reportedUsage', () => {
  it('reads OpenAI snake_case usage from response.raw.usage', () => {
    const end = {
      response: {
        message: { role: 'assistant', content: 'hi' },
        raw: { usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 } },
      },
    }
    expect(reportedUsage(end)).toEqual({ prompt: 12, completion: 3, total: 15 })
  })

  it('reads camelCase usage', () => {
    const end = {
      response: { raw: { usage: { promptTokens: 5, completionTokens: 2, totalTokens: 7 } } },
    }
    expect(reportedUsage(end)).toEqual({ prompt: 5, completion: 2, total: 7 })
  })

  it('reads Anthropic input/output tokens and adds them up', () => {
    const end = { response: { raw: { usage: { input_tokens: 20, output_tokens: 4 } } } }
    expect(reportedUsage(end)).toEqual({ prompt: 20, completion: 4, total: 24 })
  })

  it('finds usage on the payload, its raw, or the response itself', () => {
    const usage = { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 }
    expect(reportedUsage({ raw: { usage } })).toEqual({ prompt: 1, completion: 1, total: 2 })
    expect(reportedUsage({ usage })).toEqual({ prompt: 1, completion: 1, total: 2 })
    expect(reportedUsage({ response: { usage } })).toEqual({ prompt: 1, completion: 1, total: 2 })
  })

  it('keeps a reported total and fills in the missing part', () => {
    expect(reportedUsage({ usage: { total_tokens: 10, completion_tokens: 4 } })).toEqual({
      prompt: 6,
      completion: 4,
      total: 10,
    })
    expect(reportedUsage({ usage: { prompt_tokens: 3 } })).toEqual({
      prompt: 3,
      completion: 0,
      total: 3,
    })
  })

  it('gives undefined when nothing usable was reported', () => {
    expect(reportedUsage(undefined)).toBeUndefined()
    expect(reportedUsage({ response: 'text only' })).toBeUndefined()
    expect(reportedUsage({ usage: {} })).toBeUndefined()
    expect(
      reportedUsage({
        usage: { prompt_tokens: -1, completion_tokens: Number.NaN, total_tokens: '9' },
      }),
    ).toBeUndefined()
  })
})
