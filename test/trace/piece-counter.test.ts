import { Tiktoken } from 'js-tiktoken/lite'
import cl100k from 'js-tiktoken/ranks/cl100k_base'
import { describe, expect, it } from 'vitest'
import { BytePairCounter } from '../../src/trace/byte-pair-counter.js'
import { PairRanks } from '../../src/trace/pair-ranks.js'
import {
  MAX_CACHED_PIECE_CHARS,
  MAX_CACHED_TEXT_CHARS,
  MAX_CACHED_TEXTS,
  MAX_CACHED_TEXTS_TOTAL_CHARS,
  PieceCounter,
} from '../../src/trace/piece-counter.js'
import { rankMapOf } from '../../src/trace/rank-map.js'
import {
  countTokens,
  pieceCounterFor,
  tokenizerForEncoding,
} from '../../src/trace/token-counter.js'

const cl100kEncoder = new Tiktoken(cl100k)
const cl100kPieces = pieceCounterFor(cl100kEncoder, cl100k)
const cl100kBytePairs = new BytePairCounter(
  new PairRanks(rankMapOf(cl100kEncoder, cl100k.bpe_ranks)),
)

/** A cl100k counter, recording the pieces it is asked to count. */
function spiedCounter(): { counter: PieceCounter; counted: string[] } {
  const counted: string[] = []
  const counter = new PieceCounter(cl100k, (piece) => {
    counted.push(piece)
    return cl100kBytePairs.count(Buffer.from(piece, 'utf8'))
  })
  return { counter, counted }
}

// One piece to js-tiktoken, longer than the piece cache keeps: a word of this many letters,
// different for each seed.
function longWord(letters: number, seed: number): string {
  const tag = [...seed.toString(16)].map((digit) => String.fromCharCode(97 + parseInt(digit, 16)))
  return `Q${tag.join('')}`.padEnd(letters, 'z')
}

describe('PieceCounter', () => {
  it('counts a prompt as js-tiktoken does, and counts each new piece once', () => {
    const { counter, counted } = spiedCounter()
    const prompt = 'Customers can ask for a refund within 30 days.\nQuery: refund? A refund.'
    expect(counter.count(prompt)).toBe(cl100kEncoder.encode(prompt).length)
    expect(counted).toEqual([...new Set(counted)])
    expect(counted).toEqual(expect.arrayContaining([' refund', ' within', '30', '.\n', '?']))
    const reordered = 'Customers can ask within 30 days.\nQuery: refund?'
    const before = counted.length
    expect(counter.count(reordered)).toBe(cl100kEncoder.encode(reordered).length)
    expect(counted).toHaveLength(before)
  })

  it('counts a text seen before without counting any piece', () => {
    const { counter, counted } = spiedCounter()
    const words = [longWord(MAX_CACHED_PIECE_CHARS + 1, 0), 'is one long piece']
    const text = words.join(' ')
    const first = counter.count(text)
    expect(counted).toEqual([words[0], ' is', ' one', ' long', ' piece'])
    expect(counter.count(words.join(' '))).toBe(first)
    expect(counted).toHaveLength(5)
    expect(first).toBe(cl100kEncoder.encode(text).length)
  })

  it('counts each piece as the text splits, even one that would split differently alone', () => {
    // `ab` is one piece only before a `c`; alone it would split into `a` and `b`.
    const counted: string[] = []
    const counter = new PieceCounter(
      { pat_str: 'ab(?=c)|a|b|c', special_tokens: { '<|sep|>': 99 } },
      (piece) => {
        counted.push(piece)
        return piece === 'ab' ? 1 : 10
      },
    )
    expect(counter.count('abc')).toBe(11)
    expect(counted).toEqual(['ab', 'c'])
    expect(counter.count('ab')).toBe(20)
    expect(counted).toEqual(['ab', 'c', 'a', 'b'])
    expect(counter.count('abcab')).toBe(31)
  })

  it('throws as js-tiktoken does on a special token, so the count is unknown', () => {
    const text = 'the end <|endoftext|> of it <|fim_prefix|>'
    expect(() => cl100kPieces.count(text)).toThrow(
      'The text contains a special token that is not allowed: <|endoftext|>',
    )
    expect(() => cl100kEncoder.encode(text)).toThrow(
      'The text contains a special token that is not allowed: <|endoftext|>',
    )
    expect(countTokens(tokenizerForEncoding('cl100k_base'), text)).toBeUndefined()
    expect(countTokens(tokenizerForEncoding('cl100k_base'), 'the end of it')).toBe(4)
  })

  it('keeps no more than its limit of texts, dropping the oldest first', () => {
    const { counter, counted } = spiedCounter()
    // Long pieces are not kept, so only the text cache can spare a count.
    const texts = Array.from({ length: MAX_CACHED_TEXTS + 1 }, (_, index) =>
      longWord(MAX_CACHED_PIECE_CHARS + 1 + (index % 7), index),
    )
    const counts = texts.map((text) => counter.count(text))
    expect(counts).toEqual(texts.map((text) => cl100kEncoder.encode(text).length))
    const pieces = counted.length
    expect(counter.count(texts.at(-1) as string)).toBe(counts.at(-1))
    expect(counted).toHaveLength(pieces)
    expect(counter.count(texts[0] as string)).toBe(counts[0])
    expect(counted).toHaveLength(pieces + 1)
  })

  it('keeps no more than its limit of characters, and no text over its own limit', () => {
    const { counter, counted } = spiedCounter()
    const long = longWord(MAX_CACHED_PIECE_CHARS + 1, 3)
    const text = (seed: number, chars: number) =>
      `${seed} ${`${long} `.repeat(Math.ceil(chars / (long.length + 1)))}`.slice(0, chars)
    const tooLong = text(0, MAX_CACHED_TEXT_CHARS + 1)
    const tooLongCount = counter.count(tooLong)
    const pieces = counted.length
    const longPieces = counted.filter((piece) => piece.length > MAX_CACHED_PIECE_CHARS).length
    counter.count(tooLong)
    expect(longPieces).toBeGreaterThan(0)
    expect(counted).toHaveLength(pieces + longPieces)
    expect(tooLongCount).toBe(cl100kEncoder.encode(tooLong).length)
    const fitting = Math.ceil(MAX_CACHED_TEXTS_TOTAL_CHARS / MAX_CACHED_TEXT_CHARS)
    const big = Array.from({ length: fitting + 1 }, (_, index) =>
      text(index + 1, MAX_CACHED_TEXT_CHARS),
    )
    for (const each of big) counter.count(each)
    const counts = counted.length
    counter.count(big.at(-1) as string)
    expect(counted).toHaveLength(counts)
    expect(counter.count(big[0] as string)).toBe(cl100kEncoder.encode(big[0] as string).length)
    expect(counted.length).toBeGreaterThan(counts)
  })
})
