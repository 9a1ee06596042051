import { createRequire } from 'node:module'

/** Splits text into tokens; only the number of tokens is used. Mirrors the seed's `tokenizer` option. */
export type Tokenizer = (text: string) => ArrayLike<unknown>

interface TiktokenEncoder {
  encode(text: string): number[]
}

let defaultEncoder: TiktokenEncoder | undefined

/**
 * The cl100k tokenizer from js-tiktoken, built on first use and then kept for the process: building
 * it costs about a second of CPU, so a run that never needs to count never pays for it.
 */
export const cl100kTokenizer: Tokenizer = (text) => {
  defaultEncoder ??= loadCl100k()
  return defaultEncoder.encode(text)
}

/** Whether the default tokenizer has been built in this process. */
export function isDefaultTokenizerLoaded(): boolean {
  return defaultEncoder !== undefined
}

function loadCl100k(): TiktokenEncoder {
  // Loaded synchronously on demand so span building can stay synchronous.
  const require = createRequire(import.meta.url)
  const { Tiktoken } = require('js-tiktoken/lite') as typeof import('js-tiktoken/lite')
  const ranks = require('js-tiktoken/ranks/cl100k_base') as ConstructorParameters<
    typeof Tiktoken
  >[0]
  return new Tiktoken(ranks)
}

/** Counts tokens with `tokenizer`; a tokenizer that throws or returns garbage counts as undefined. */
export function countTokens(tokenizer: Tokenizer, text: string): number | undefined {
  if (text === '') return 0
  try {
    const length = tokenizer(text).length
    return Number.isInteger(length) && length >= 0 ? length : undefined
  } catch {
    return undefined
  }
}
