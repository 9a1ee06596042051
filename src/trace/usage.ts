import { readFirst, readKey } from './read.js'

/** Token counts of one LLM call. */
export interface TokenUsage {
  readonly prompt: number
  readonly completion: number
  readonly total: number
}

const PROMPT_KEYS = ['prompt_tokens', 'promptTokens', 'input_tokens', 'inputTokens']
const COMPLETION_KEYS = ['completion_tokens', 'completionTokens', 'output_tokens', 'outputTokens']
const TOTAL_KEYS = ['total_tokens', 'totalTokens']

/**
 * The usage the provider reported in an LLM end payload, if any: `response.raw.usage`,
 * `raw.usage` or `usage`, in snake_case or camelCase (OpenAI and Anthropic names).
 */
export function reportedUsage(endPayload: unknown): TokenUsage | undefined {
  const response = readKey(endPayload, 'response')
  const candidates = [
    readKey(readKey(response, 'raw'), 'usage'),
    readKey(response, 'usage'),
    readKey(readKey(endPayload, 'raw'), 'usage'),
    readKey(endPayload, 'usage'),
  ]
  for (const usage of candidates) {
    const parsed = parseUsage(usage)
    if (parsed !== undefined) return parsed
  }
  return undefined
}

function parseUsage(usage: unknown): TokenUsage | undefined {
  const prompt = countAt(usage, PROMPT_KEYS)
  const completion = countAt(usage, COMPLETION_KEYS)
  const total = countAt(usage, TOTAL_KEYS)
  if (prompt === undefined && completion === undefined && total === undefined) return undefined
  const promptCount = prompt ?? Math.max(0, (total ?? 0) - (completion ?? 0))
  const completionCount = completion ?? Math.max(0, (total ?? 0) - promptCount)
  return {
    prompt: promptCount,
    completion: completionCount,
    total: total ?? promptCount + completionCount,
  }
}

function countAt(usage: unknown, keys: readonly string[]): number | undefined {
  const value = readFirst(usage, keys)
  // -0 becomes 0: a count read back from JSON must equal the one logged.
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value + 0 : undefined
}
