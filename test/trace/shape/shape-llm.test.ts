import { describe, expect, it, vi } from 'vitest'
import { EventPayload } from '../../../src/events/event-payload.js'
import { shapeLlm } from '../../../src/trace/shape/shape-llm.js'
import { cl100kTokenizer } from '../../../src/trace/token-counter.js'
import { shapeContext } from '../../support/shape-context.js'

describe('shapeLlm', () => {
  it('joins chat messages as `role: content` lines and keeps the other inputs', () => {
    const shaped = shapeLlm(
      {
        start: {
          [EventPayload.MESSAGES]: [
            { role: 'system', content: 'be brief' },
            { role: 'user', content: 'refund?' },
          ],
          [EventPayload.ADDITIONAL_KWARGS]: { temperature: 0 },
        },
        end: { [EventPayload.RESPONSE]: { message: { role: 'assistant', content: '30 days' } } },
      },
      shapeContext(),
    )
    expect(shaped.inputs).toEqual({
      [EventPayload.MESSAGES]: 'system: be brief\nuser: refund?',
      [EventPayload.ADDITIONAL_KWARGS]: { temperature: 0 },
    })
    expect(shaped.outputs).toEqual({ [EventPayload.RESPONSE]: 'assistant: 30 days' })
  })

  it('keeps a formatted prompt and reads a completion as the response', () => {
    const shaped = shapeLlm(
      {
        start: { [EventPayload.PROMPT]: 'Answer: refund?', [EventPayload.TEMPLATE]: 'Answer: {q}' },
        end: { [EventPayload.COMPLETION]: { text: '30 days' } },
      },
      shapeContext(),
    )
    expect(shaped.inputs).toEqual({
      [EventPayload.PROMPT]: 'Answer: refund?',
      [EventPayload.TEMPLATE]: 'Answer: {q}',
    })
    expect(shaped.outputs).toEqual({ [EventPayload.RESPONSE]: '30 days' })
  })

  it('sets the three token attributes from reported usage', () => {
    const shaped = shapeLlm(
      {
        start: { [EventPayload.PROMPT]: 'one two three' },
        end: {
          [EventPayload.RESPONSE]: {
            text: 'four',
            raw: { usage: { prompt_tokens: 30, completion_tokens: 4, total_tokens: 34 } },
          },
        },
      },
      shapeContext(),
    )
    expect(shaped.attributes).toEqual({
      formatted_prompt_tokens_count: 30,
      prediction_tokens_count: 4,
      total_tokens_used: 34,
    })
    expect(shaped.usage).toEqual({ prompt: 30, completion: 4, total: 34 })
  })

  it('counts tokens with the tokenizer when no usage was reported', () => {
    const tokenizer = vi.fn((text: string) => text.split(' '))
    const shaped = shapeLlm(
      {
        start: { [EventPayload.MESSAGES]: [{ role: 'user', content: 'a b' }] },
        end: { [EventPayload.RESPONSE]: 'c d e' },
      },
      shapeContext({ tokenizer }),
    )
    expect(tokenizer.mock.calls.map(([text]) => text)).toEqual(['user: a b', 'c d e'])
    expect(shaped.attributes).toEqual({
      formatted_prompt_tokens_count: 3,
      prediction_tokens_count: 3,
      total_tokens_used: 6,
    })
  })

  it('renders messages and a response whose content is parts, and counts the rendered text with the default tokenizer', () => {
    const messages = [
      { role: 'system', content: 'Describe what you are shown.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is on this receipt? ' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${'A'.repeat(5_000)}` } },
          { type: 'file', file: { filename: 'receipt.pdf', file_data: 'AAAA' } },
        ],
      },
    ]
    const response = {
      message: { role: 'assistant', content: [{ type: 'text', text: 'A refund of 30 days.' }] },
    }
    const start = { [EventPayload.MESSAGES]: messages }
    const before = structuredClone(start)
    const shaped = shapeLlm(
      { start, end: { [EventPayload.RESPONSE]: response } },
      shapeContext({ tokenizer: cl100kTokenizer }),
    )
    const prompt =
      'system: Describe what you are shown.\nuser: What is on this receipt? [image][file: receipt.pdf]'
    const completion = 'assistant: A refund of 30 days.'
    expect(shaped.inputs).toEqual({ [EventPayload.MESSAGES]: prompt })
    expect(shaped.outputs).toEqual({ [EventPayload.RESPONSE]: completion })
    const promptCount = cl100kTokenizer(prompt).length
    const completionCount = cl100kTokenizer(completion).length
    expect(shaped.attributes).toEqual({
      formatted_prompt_tokens_count: promptCount,
      prediction_tokens_count: completionCount,
      total_tokens_used: promptCount + completionCount,
    })
    expect(promptCount).toBeLessThan(40)
    expect(start).toEqual(before)
  })

  it('leaves the counts null when there is nothing to count or the tokenizer fails', () => {
    const empty = shapeLlm({ start: {}, end: {} }, shapeContext())
    expect(empty.attributes).toEqual({
      formatted_prompt_tokens_count: null,
      prediction_tokens_count: null,
      total_tokens_used: null,
    })
    expect(empty.usage).toBeUndefined()
    const broken = shapeLlm(
      { start: { [EventPayload.PROMPT]: 'x' }, end: { [EventPayload.RESPONSE]: 'y' } },
      shapeContext({
        tokenizer: () => {
          throw new Error('no vocabulary')
        },
      }),
    )
    expect(broken.attributes['total_tokens_used']).toBeNull()
  })

  it('has no outputs before the call ended', () => {
    const shaped = shapeLlm(
      { start: { [EventPayload.PROMPT]: 'x' }, end: undefined },
      shapeContext(),
    )
    expect(shaped.outputs).toBeNull()
    expect(shaped.inputs).toEqual({ [EventPayload.PROMPT]: 'x' })
  })

  it('truncates long prompts, messages and responses', () => {
    const long = 'word '.repeat(40)
    const shaped = shapeLlm(
      {
        start: {
          [EventPayload.PROMPT]: long,
          [EventPayload.MESSAGES]: [{ role: 'user', content: long }],
        },
        end: { [EventPayload.RESPONSE]: long },
      },
      shapeContext({ limits: { maxChars: 20 } }),
    )
    for (const text of [
      shaped.inputs?.[EventPayload.PROMPT],
      shaped.inputs?.[EventPayload.MESSAGES],
      shaped.outputs?.[EventPayload.RESPONSE],
    ]) {
      expect(text).toMatch(/^.{20}… \[truncated \d+ of \d+ chars\]$/)
    }
    expect(shaped.attributes['formatted_prompt_tokens_count']).toBe(40)
  })
})
