import fc from 'fast-check'
import { Tiktoken } from 'js-tiktoken/lite'
import cl100k from 'js-tiktoken/ranks/cl100k_base'
import gpt2 from 'js-tiktoken/ranks/gpt2'
import o200k from 'js-tiktoken/ranks/o200k_base'
import { describe, expect, it } from 'vitest'
import { PieceCounter } from '../../src/trace/piece-counter.js'
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
    const counter = new PieceCounter(encoder, ranks)
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
