import fc from 'fast-check'
import { Tiktoken } from 'js-tiktoken/lite'
import cl100k from 'js-tiktoken/ranks/cl100k_base'
import gpt2 from 'js-tiktoken/ranks/gpt2'
import o200k from 'js-tiktoken/ranks/o200k_base'
import { describe, expect, it } from 'vitest'
import type { PieceCounter } from '../../src/trace/piece-counter.js'
import { pieceCounterFor } from '../../src/trace/token-counter.js'
import { NUM_RUNS } from './runs.js'

// Fragments on the edges of js-tiktoken's split patterns: contractions, digit runs, whitespace
// before words and line breaks, punctuation runs, marks, emoji, halves of special tokens.
const fragments = fc.constantFrom(
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\n\n',
  "'s",
  "'LL",
  "'",
  'a',
  'Refund',
  'DAYS',
  'é',
  'e\u0301',
  '1',
  '123',
  '12345',
  '.',
  '...',
  '/',
  '-->',
  '<|',
  '|>',
  'endoftext',
  '🙂',
  '日本語',
  '\ud800',
)

const texts = fc.oneof(
  fc.array(fragments, { maxLength: 40 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
)

const ENCODINGS = [
  ['cl100k_base', cl100k],
  ['o200k_base', o200k],
  ['gpt2', gpt2],
] as const

function encodedLength(encoder: Tiktoken, text: string): number | Error {
  try {
    return encoder.encode(text).length
  } catch (error) {
    return error as Error
  }
}

function counted(counter: PieceCounter, text: string): number | Error {
  try {
    return counter.count(text)
  } catch (error) {
    return error as Error
  }
}

describe.each(ENCODINGS)('PieceCounter with %s', (_name, ranks) => {
  const encoder = new Tiktoken(ranks)

  it('counts every text as js-tiktoken encodes it, the first time and from its caches', () => {
    const counter = pieceCounterFor(encoder, ranks)
    fc.assert(
      fc.property(fc.array(texts, { minLength: 1, maxLength: 5 }), (batch) => {
        for (const text of [...batch, ...batch]) {
          expect(counted(counter, text)).toEqual(encodedLength(encoder, text))
        }
      }),
      { numRuns: NUM_RUNS },
    )
  })
})

// Long pieces, where js-tiktoken's merge is quadratic: runs of one letter, Chinese (no spaces),
// emoji; kept short enough for js-tiktoken to finish in well under a second.
const words = fc
  .array(fc.stringMatching(/^[A-Za-z]{1,12}$/), { minLength: 1, maxLength: 30 })
  .map((each) => each.join(' '))
const punctuation = fc.constantFrom('.', ', ', '!?', '...', '—', '"', "'s", '(x)', '-->', '{};')
const digits = fc.stringMatching(/^[0-9]{1,24}$/)
const whitespace = fc
  .array(fc.constantFrom(' ', '  ', '\t', '\n', '\r\n'), { minLength: 1, maxLength: 40 })
  .map((each) => each.join(''))
const chinese = fc
  .array(fc.integer({ min: 0x4e00, max: 0x9fff }), { minLength: 1, maxLength: 300 })
  .map((codePoints) => String.fromCodePoint(...codePoints))
const emoji = fc
  .array(fc.constantFrom('🙂', '👍🏽', '👨‍👩‍👧', '🇯🇵', '❤️', '🚀'), { minLength: 1, maxLength: 40 })
  .map((each) => each.join(''))
// Up to 1,500 bytes of one letter, of one to three bytes.
const letterRun = fc
  .tuple(fc.constantFrom('x', 'a', 'Z', 'é', 'ж', '退'), fc.integer({ min: 1, max: 1500 }))
  .map(([letter, bytes]) => letter.repeat(Math.ceil(bytes / Buffer.byteLength(letter))))
const longTexts = fc
  .array(fc.oneof(words, punctuation, digits, whitespace, chinese, emoji, letterRun), {
    minLength: 1,
    maxLength: 8,
  })
  .map((segments) => segments.join(''))

describe.each(ENCODINGS.slice(0, 2))('PieceCounter with %s on long pieces', (_name, ranks) => {
  const encoder = new Tiktoken(ranks)

  it('counts texts with long runs, Chinese and emoji as js-tiktoken encodes them', () => {
    const counter = pieceCounterFor(encoder, ranks)
    fc.assert(
      fc.property(longTexts, (text) => {
        expect(counted(counter, text)).toBe(encoder.encode(text).length)
      }),
      { numRuns: Math.ceil(NUM_RUNS / 5) },
    )
  })
})
