import { Tiktoken } from 'js-tiktoken/lite'
import cl100k from 'js-tiktoken/ranks/cl100k_base'
import { describe, expect, it } from 'vitest'
import {
  MAX_CACHED_PIECE_CHARS,
  MAX_CACHED_TEXT_CHARS,
  MAX_CACHED_TEXTS,
  MAX_CACHED_TEXTS_TOTAL_CHARS,
  PieceCounter,
} from '../../../src/trace/piece-counter.js'
import type { TiktokenEncoder } from '../../../src/trace/piece-counter.js'
import { countTokens, tokenizerForEncoding } from '../../../src/trace/token-counter.js'

const cl100kEncoder = new Tiktoken(cl100k)

/** The cl100k encoder, recording the texts it is asked to encode. */
function spiedEncoder(): { encoder: TiktokenEncoder; encoded: string[] } {
  const encoded: string[] = []
  return {
    encoded,
    encoder: {
      encode: (text, allowedSpecial, disallowedSpecial) => {
        encoded.push(text)
        return cl100kEncoder.encode(text, allowedSpecial, disallowedSpecial)
      },
    },
  }
}

// One piece to js-tiktoken, longer than the piece cache keeps: a word of this many letters,
// different for each seed.
function longWord(letters: number, seed: number): string {
  const tag = [...seed.toString(16)].map((digit) => String.fromCharCode(97 + parseInt(digit, 16)))
  return `Q${tag.join('')}`.padEnd(letters, 'z')
}

describe('PieceCounter', () => {
  it('counts a prompt as js-tiktoken does, and encodes each new piece once', () => {
    const { encoder, encoded } = spiedEncoder()
    const counter = new PieceCounter(encoder, cl100k)
    const prompt = 'Customers can ask for a refund within 30 days.\nQuery: refund?'
    expect(counter.count(prompt)).toBe(cl100kEncoder.encode(prompt).length)
    expect(encoded).toHaveLength(1)
    expect(encoded[0]).toContain('<|endoftext|>')
    const reordered = 'Customers can ask within 30 days.\nQuery: refund?'
    expect(counter.count(reordered)).toBe(cl100kEncoder.encode(reordered).length)
    expect(encoded).toHaveLength(1)
  })

  it('counts a text seen before without encoding anything', () => {
    const { encoder, encoded } = spiedEncoder()
    const counter = new PieceCounter(encoder, cl100k)
    const words = [longWord(MAX_CACHED_PIECE_CHARS + 1, 0), 'is one long piece']
    const text = words.join(' ')
    const first = counter.count(text)
    expect(encoded).toHaveLength(1)
    expect(counter.count(words.join(' '))).toBe(first)
    expect(encoded).toHaveLength(1)
    expect(first).toBe(cl100kEncoder.encode(text).length)
  })

  it('encodes the whole text when a piece would split differently on its own', () => {
    // An encoding whose pieces are one token each, and whose `ab` is one piece only before a `c`.
    const rules = { pat_str: 'ab(?=c)|a|b|c', special_tokens: { '<|sep|>': 99 } }
    const encoded: string[] = []
    const encoder: TiktokenEncoder = {
      encode: (text, allowedSpecial = []) => {
        encoded.push(text)
        const separator = allowedSpecial === 'all' ? '<|sep|>' : allowedSpecial[0]
        const segments = separator === undefined ? [text] : text.split(separator)
        return segments.flatMap((segment, index) => [
          ...(index > 0 ? [99] : []),
          ...[...segment.matchAll(/ab(?=c)|a|b|c/gu)].map(() => 1),
        ])
      },
    }
    const counter = new PieceCounter(encoder, rules)
    expect(counter.count('abc')).toBe(2)
    expect(encoded).toEqual(['abc'])
    expect(counter.count('ab')).toBe(2)
    expect(counter.count('abcab')).toBe(4)
  })

  it('throws as js-tiktoken does on a special token, so the count is unknown', () => {
    const counter = new PieceCounter(cl100kEncoder, cl100k)
    const text = 'the end <|endoftext|> of it'
    expect(() => counter.count(text)).toThrow(/special token/)
    expect(() => cl100kEncoder.encode(text)).toThrow(/special token/)
    expect(countTokens(tokenizerForEncoding('cl100k_base'), text)).toBeUndefined()
    expect(countTokens(tokenizerForEncoding('cl100k_base'), 'the end of it')).toBe(4)
  })

  it('keeps no more than its limit of texts, dropping the oldest first', () => {
    const { encoder, encoded } = spiedEncoder()
    const counter = new PieceCounter(encoder, cl100k)
    // Long pieces are not kept, so only the text cache can spare an encode.
    const texts = Array.from({ length: MAX_CACHED_TEXTS + 1 }, (_, index) =>
      longWord(MAX_CACHED_PIECE_CHARS + 1 + (index % 7), index),
    )
    const counts = texts.map((text) => counter.count(text))
    expect(counts).toEqual(texts.map((text) => cl100kEncoder.encode(text).length))
    const encodes = encoded.length
    expect(counter.count(texts.at(-1) as string)).toBe(counts.at(-1))
    expect(encoded).toHaveLength(encodes)
    expect(counter.count(texts[0] as string)).toBe(counts[0])
    expect(encoded).toHaveLength(encodes + 1)
  })

  it('keeps no more than its limit of characters, and no text over its own limit', () => {
    const { encoder, encoded } = spiedEncoder()
    const counter = new PieceCounter(encoder, cl100k)
    const long = longWord(MAX_CACHED_PIECE_CHARS + 1, 3)
    const text = (seed: number, chars: number) =>
      `${seed} ${`${long} `.repeat(Math.ceil(chars / (long.length + 1)))}`.slice(0, chars)
    const tooLong = text(0, MAX_CACHED_TEXT_CHARS + 1)
    const tooLongCount = counter.count(tooLong)
    counter.count(tooLong)
    expect(encoded).toHaveLength(2)
    expect(tooLongCount).toBe(cl100kEncoder.encode(tooLong).length)
    const fitting = Math.ceil(MAX_CACHED_TEXTS_TOTAL_CHARS / MAX_CACHED_TEXT_CHARS)
    const big = Array.from({ length: fitting + 1 }, (_, index) =>
      text(index + 1, MAX_CACHED_TEXT_CHARS),
    )
    for (const each of big) counter.count(each)
    const encodes = encoded.length
    counter.count(big.at(-1) as string)
    expect(encoded).toHaveLength(encodes)
    expect(counter.count(big[0] as string)).toBe(cl100kEncoder.encode(big[0] as string).length)
    expect(encoded).toHaveLength(encodes + 1)
  })
})
