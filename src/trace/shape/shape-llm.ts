import { EventPayload } from '../../events/event-payload.js'
import type { EventPayloadRecord } from '../../events/event-payload.js'
import { isList, readKey } from '../read.js'
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
  const messages = readKey(pair.start, EventPayload.MESSAGES)
  const startMessages = isList(messages) ? messagesText(messages) : undefined
  const completion = completionText(pair.end)
  const usage =
    reportedUsage(pair.end) ?? countedUsage(tokenizer, promptText(pair, startMessages), completion)
  return {
    inputs: summarizePayload(pair.start, limits, {
      [EventPayload.MESSAGES]:
        startMessages === undefined ? undefined : truncateText(startMessages, limits.maxChars),
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

// Only needed when there is no reported usage; `startMessages` is the start's messages, joined.
function promptText(
  { start, end }: EventPairPayloads,
  startMessages: string | undefined,
): string | undefined {
  const startPrompt = readKey(start, EventPayload.PROMPT)
  if (typeof startPrompt === 'string') return startPrompt
  if (startMessages !== undefined) return startMessages
  const endPrompt = readKey(end, EventPayload.PROMPT)
  if (typeof endPrompt === 'string') return endPrompt
  const endMessages = readKey(end, EventPayload.MESSAGES)
  return isList(endMessages) ? messagesText(endMessages) : undefined
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
