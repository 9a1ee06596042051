import { EventPayload } from '../../events/event-payload.js'
import type { EventPayloadRecord } from '../../events/event-payload.js'
import { readKey } from '../read.js'
import { messagesText, textOf } from '../text.js'
import { countTokens } from '../token-counter.js'
import type { Tokenizer } from '../token-counter.js'
import { truncateText } from '../truncate.js'
import { reportedUsage } from '../usage.js'
import type { TokenUsage } from '../usage.js'
import { summarizePayload } from './payload-view.js'
import type { EventPairPayloads, PayloadShaper } from './shaped-span.js'

/**
 * The prompt (messages joined by newlines) in, the response text out, and the seed's three token
 * attributes: from the usage the provider reported when there is one, else counted.
 */
export const shapeLlm: PayloadShaper = (pair, { limits, tokenizer }) => {
  const prompt = promptText(pair)
  const completion = completionText(pair.end)
  const usage = reportedUsage(pair.end) ?? countedUsage(tokenizer, prompt, completion)
  const messages = readKey(pair.start, EventPayload.MESSAGES)
  return {
    inputs: summarizePayload(pair.start, limits, {
      [EventPayload.MESSAGES]: Array.isArray(messages)
        ? truncateText(messagesText(messages), limits.maxChars)
        : undefined,
    }),
    outputs:
      pair.end === undefined
        ? null
        : {
            [EventPayload.RESPONSE]:
              completion === undefined ? null : truncateText(completion, limits.maxChars),
          },
    attributes: {
      formatted_prompt_tokens_count: usage?.prompt ?? null,
      prediction_tokens_count: usage?.completion ?? null,
      total_tokens_used: usage?.total ?? null,
    },
    ...(usage === undefined ? {} : { usage }),
  }
}

function promptText({ start, end }: EventPairPayloads): string | undefined {
  for (const payload of [start, end]) {
    const prompt = readKey(payload, EventPayload.PROMPT)
    if (typeof prompt === 'string') return prompt
    const messages = readKey(payload, EventPayload.MESSAGES)
    if (Array.isArray(messages)) return messagesText(messages)
  }
  return undefined
}

function completionText(end: EventPayloadRecord | undefined): string | undefined {
  return (
    textOf(readKey(end, EventPayload.RESPONSE)) ?? textOf(readKey(end, EventPayload.COMPLETION))
  )
}

// Counting happens only here, when the provider reported nothing: the tokenizer loads on first need.
function countedUsage(
  tokenizer: Tokenizer,
  prompt: string | undefined,
  completion: string | undefined,
): TokenUsage | undefined {
  if (prompt === undefined && completion === undefined) return undefined
  const promptCount = countTokens(tokenizer, prompt ?? '')
  const completionCount = countTokens(tokenizer, completion ?? '')
  if (promptCount === undefined || completionCount === undefined) return undefined
  return { prompt: promptCount, completion: completionCount, total: promptCount + completionCount }
}
