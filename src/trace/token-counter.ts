import { createRequire } from 'node:module'

/** Splits text into tokens; only the number of tokens is used. Mirrors the seed's `tokenizer` option. */
export type Tokenizer = (text: string) => ArrayLike<unknown>

/** The js-tiktoken encodings a tokenizer can be named by (a name, unlike a function, crosses to test workers). */
export const TOKENIZER_ENCODINGS = [
  'cl100k_base',
  'o200k_base',
  'p50k_base',
  'p50k_edit',
  'r50k_base',
  'gpt2',
] as const

export type TokenizerEncoding = (typeof TOKENIZER_ENCODINGS)[number]

interface TiktokenEncoder {
  encode(text: string): number[]
}

const encoders = new Map<TokenizerEncoding, TiktokenEncoder>()

/**
 * A js-tiktoken tokenizer, built on first use and then kept for the process: building one costs
 * about a second of CPU, so a run that never needs to count never pays for it.
 */
export function tokenizerForEncoding(encoding: TokenizerEncoding): Tokenizer {
  return (text) => {
    let encoder = encoders.get(encoding)
    if (encoder === undefined) {
      encoder = loadEncoder(encoding)
      encoders.set(encoding, encoder)
    }
    return encoder.encode(text)
  }
}

/** The default tokenizer: cl100k, as the seed's. */
export const cl100kTokenizer: Tokenizer = tokenizerForEncoding('cl100k_base')

/** Whether the default tokenizer has been built in this process. */
export function isDefaultTokenizerLoaded(): boolean {
  return encoders.has('cl100k_base')
}

export function isTokenizerEncoding(value: unknown): value is TokenizerEncoding {
  return typeof value === 'string' && (TOKENIZER_ENCODINGS as readonly string[]).includes(value)
}

/** A tokenizer given as a function or as an encoding name; undefined when it is neither. */
export function resolveTokenizer(
  tokenizer: Tokenizer | TokenizerEncoding | undefined,
): Tokenizer | undefined {
  if (tokenizer === undefined) return cl100kTokenizer
  if (typeof tokenizer === 'function') return tokenizer
  return isTokenizerEncoding(tokenizer) ? tokenizerForEncoding(tokenizer) : undefined
}

function loadEncoder(encoding: TokenizerEncoding): TiktokenEncoder {
  // Loaded synchronously on demand so span building can stay synchronous.
  const require = createRequire(import.meta.url)
  const { Tiktoken } = require('js-tiktoken/lite') as typeof import('js-tiktoken/lite')
  const ranks = require(`js-tiktoken/ranks/${encoding}`) as ConstructorParameters<
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
