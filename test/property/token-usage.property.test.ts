import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { CBEventType, EventPayload } from '../../src/events/index.js'
import { WandbCallbackHandler } from '../../src/handler.js'
import { cl100kTokenizer } from '../../src/trace/token-counter.js'
import type { Tokenizer } from '../../src/trace/token-counter.js'
import { wordTokenizer } from '../support/tokenizers.js'
import { captureWarnings } from '../support/warnings.js'
import { NUM_RUNS } from './runs.js'

captureWarnings()

const NAMES = {
  snake: ['prompt_tokens', 'completion_tokens', 'total_tokens'],
  camel: ['promptTokens', 'completionTokens', 'totalTokens'],
  anthropic: ['input_tokens', 'output_tokens', undefined],
} as const

/** Usage as OpenAI and Anthropic report it, at each place an LLM end payload may carry it. */
const reportedArb = fc.record({
  prompt: fc.nat({ max: 100_000 }),
  completion: fc.nat({ max: 100_000 }),
  cached: fc.nat({ max: 10 }),
  names: fc.constantFrom<keyof typeof NAMES>('snake', 'camel', 'anthropic'),
  at: fc.constantFrom('response.raw', 'response', 'raw', 'payload'),
  text: fc.string({ maxLength: 30 }),
})

type Reported = typeof reportedArb extends fc.Arbitrary<infer T> ? T : never

function reportedTotal(call: Reported): number {
  const total = NAMES[call.names][2]
  return total === undefined
    ? call.prompt + call.completion
    : call.prompt + call.completion + call.cached
}

function endPayloadOf(call: Reported): Record<string, unknown> {
  const [prompt, completion, total] = NAMES[call.names]
  const usage: Record<string, number> = { [prompt]: call.prompt, [completion]: call.completion }
  if (total !== undefined) usage[total] = reportedTotal(call)
  switch (call.at) {
    case 'response.raw':
      return { [EventPayload.RESPONSE]: { text: call.text, raw: { usage } } }
    case 'response':
      return { [EventPayload.RESPONSE]: { text: call.text, usage } }
    case 'raw':
      return { [EventPayload.RESPONSE]: call.text, raw: { usage } }
    default:
      return { [EventPayload.RESPONSE]: call.text, usage }
  }
}

const words = fc.array(fc.constantFrom('refund', 'policy', 'is', '30', 'days', 'é'), {
  maxLength: 8,
})
const promptArb = fc.oneof(
  words.map((list) => ({
    text: list.join(' '),
    payload: { [EventPayload.PROMPT]: list.join(' ') },
  })),
  fc
    .array(fc.tuple(fc.constantFrom('user', 'system'), words), { maxLength: 3 })
    .map((messages) => ({
      text: messages.map(([role, content]) => `${role}: ${content.join(' ')}`).join('\n'),
      payload: {
        [EventPayload.MESSAGES]: messages.map(([role, content]) => ({
          role,
          content: content.join(' '),
        })),
      },
    })),
)

async function runLlmCalls(
  tokenizer: Tokenizer | undefined,
  calls: readonly { start: Record<string, unknown>; end: Record<string, unknown> }[],
): Promise<WandbCallbackHandler> {
  const handler = new WandbCallbackHandler(tokenizer === undefined ? {} : { tokenizer })
  const manager = handler.callbackManager
  await manager.asTrace('llm-calls', async () => {
    for (const call of calls) {
      await manager.event(CBEventType.LLM, call.start, (event) => event.setEndPayload(call.end))
    }
  })
  return handler
}

function tokenAttributes(handler: WandbCallbackHandler) {
  const root = handler.traces[0]?.rootSpan
  const spans = root?.results === null ? (root.child_spans ?? []) : root === undefined ? [] : [root]
  return spans.map((span) => span.attributes)
}

describe('LLM token counts', () => {
  it('are the reported usage when there is one, and the tokenizer is never called', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(promptArb, reportedArb), { minLength: 1, maxLength: 4 }),
        async (calls) => {
          const tokenizer = vi.fn(wordTokenizer)
          const handler = await runLlmCalls(
            tokenizer,
            calls.map(([prompt, reported]) => ({
              start: prompt.payload,
              end: endPayloadOf(reported),
            })),
          )
          expect(tokenizer).not.toHaveBeenCalled()
          expect(tokenAttributes(handler)).toEqual(
            calls.map(([, reported]) => ({
              formatted_prompt_tokens_count: reported.prompt,
              prediction_tokens_count: reported.completion,
              total_tokens_used: reportedTotal(reported),
            })),
          )
          const sum = (pick: (reported: Reported) => number) =>
            calls.reduce((total, [, reported]) => total + pick(reported), 0)
          expect(handler.traces[0]?.stats).toMatchObject({
            llmCalls: calls.length,
            promptTokens: sum((reported) => reported.prompt),
            completionTokens: sum((reported) => reported.completion),
            totalTokens: sum(reportedTotal),
          })
        },
      ),
      { numRuns: NUM_RUNS },
    )
  })

  it('are counted with the tokenizer over the prompt and the response when no usage is reported', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(promptArb, words), { minLength: 1, maxLength: 4 }),
        async (calls) => {
          const handler = await runLlmCalls(
            wordTokenizer,
            calls.map(([prompt, answer]) => ({
              start: prompt.payload,
              end: { [EventPayload.RESPONSE]: answer.join(' ') },
            })),
          )
          const count = (text: string) => wordTokenizer(text).length
          expect(tokenAttributes(handler)).toEqual(
            calls.map(([prompt, answer]) => ({
              formatted_prompt_tokens_count: count(prompt.text),
              prediction_tokens_count: count(answer.join(' ')),
              total_tokens_used: count(prompt.text) + count(answer.join(' ')),
            })),
          )
        },
      ),
      { numRuns: NUM_RUNS },
    )
  })

  it('are counted with cl100k by default', async () => {
    await fc.assert(
      fc.asyncProperty(promptArb, words, async (prompt, answer) => {
        const handler = await runLlmCalls(undefined, [
          { start: prompt.payload, end: { [EventPayload.RESPONSE]: answer.join(' ') } },
        ])
        const count = (text: string) => (text === '' ? 0 : cl100kTokenizer(text).length)
        expect(tokenAttributes(handler)).toEqual([
          {
            formatted_prompt_tokens_count: count(prompt.text),
            prediction_tokens_count: count(answer.join(' ')),
            total_tokens_used: count(prompt.text) + count(answer.join(' ')),
          },
        ])
      }),
      { numRuns: 20 },
    )
  })
})
