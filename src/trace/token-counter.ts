import { createRequire } from 'node:module'
import type { Tiktoken, TiktokenBPE } from 'js-tiktoken/lite'
import { BytePairCounter } from './byte-pair-counter.js'
import { PairRanks } from './pair-ranks.js'
import { PieceCounter } from './piece-counter.js'
import { rankMapOf } from './rank-map.js'

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

interface LoadedEncoding {
  readonly encoder: Tiktoken
  readonly counter: PieceCounter
}

const encoders = new Map<TokenizerEncoding, LoadedEncoding>()
// How the tokenizers made here count without building token lists.
const counters = new WeakMap<Tokenizer, (text: string) => number>()

/**
 * A js-tiktoken tokenizer, built on first use and then kept for the process: building one costs
 * about a second of CPU, so a run that never needs to count never pays for it.
 */
export function tokenizerForEncoding(encoding: TokenizerEncoding): Tokenizer {
  const tokenizer: Tokenizer = (text) => loaded(encoding).encoder.encode(text)
  counters.set(tokenizer, (text) => loaded(encoding).counter.count(text))
  return tokenizer
}

function loaded(encoding: TokenizerEncoding): LoadedEncoding {
  let existing = encoders.get(encoding)
  if (existing === undefined) {
    existing = loadEncoding(encoding)
    encoders.set(encoding, existing)
  }
  return existing
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

function loadEncoding(encoding: TokenizerEncoding): LoadedEncoding {
  // Loaded synchronously on demand so span building can stay synchronous.
  const require = createRequire(import.meta.url)
  const { Tiktoken } = require('js-tiktoken/lite') as typeof import('js-tiktoken/lite')
  const ranks = require(`js-tiktoken/ranks/${encoding}`) as TiktokenBPE
  const encoder = new Tiktoken(ranks)
  return { encoder, counter: pieceCounterFor(encoder, ranks) }
}

/** Counts as `encoder.encode(text).length` does; `ranks` is the ranks file `encoder` was built from. */
export function pieceCounterFor(encoder: Tiktoken, ranks: TiktokenBPE): PieceCounter {
  const pieces = new BytePairCounter(new PairRanks(rankMapOf(encoder, ranks.bpe_ranks)))
  return new PieceCounter(ranks, (piece) => pieces.count(Buffer.from(piece, 'utf8')))
}

/**
 * Counts tokens with `tokenizer`; a tokenizer that throws or returns garbage counts as undefined.
 * The js-tiktoken tokenizers made here count to the same number without building token lists,
 * and in O(n log n) time where js-tiktoken takes O(n²) in the length of a piece (a run of one
 * letter, a text without spaces).
 */
export function countTokens(tokenizer: Tokenizer, text: string): number | undefined {
  if (text === '') return 0
  try {
    const count = counters.get(tokenizer)
    const length = count === undefined ? tokenizer(text).length : count(text)
    return Number.isInteger(length) && length >= 0 ? length : undefined
  } catch {
    return undefined
  }
}
