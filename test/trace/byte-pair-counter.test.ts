import { Tiktoken } from 'js-tiktoken/lite'
import cl100k from 'js-tiktoken/ranks/cl100k_base'
import o200k from 'js-tiktoken/ranks/o200k_base'
import { describe, expect, it } from 'vitest'
import { BytePairCounter } from '../../src/trace/byte-pair-counter.js'
import { PairRanks } from '../../src/trace/pair-ranks.js'
import { rankMapOf } from '../../src/trace/rank-map.js'
import { toyRanks } from '../support/toy-ranks.js'

function pieceCounting(ranks: typeof cl100k): {
  encoder: Tiktoken
  count: (piece: string) => number
} {
  const encoder = new Tiktoken(ranks)
  const counter = new BytePairCounter(new PairRanks(rankMapOf(encoder, ranks.bpe_ranks)))
  return { encoder, count: (piece) => counter.count(Buffer.from(piece, 'utf8')) }
}

// Texts that js-tiktoken splits into one piece each.
const PIECES = [
  'x',
  'hello',
  ' refund',
  'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'antidisestablishmentarianism',
  '退款需要多长时间才能到账呢退款需要多长时间',
  '🙂👍🏽🇯🇵',
  'ЖжЖжжжЖЖЖЖжжЖ',
  '\ud800',
  '                                        ',
]

describe('BytePairCounter', () => {
  it.each([
    ['cl100k_base', cl100k],
    ['o200k_base', o200k],
  ])('counts a piece as js-tiktoken encodes it, with %s', (_name, ranks) => {
    const { encoder, count } = pieceCounting(ranks)
    for (const piece of PIECES) {
      expect(encoder.encode(piece)).toHaveLength(count(piece))
      expect(count(piece)).toBeGreaterThan(0)
    }
    expect(count('')).toBe(0)
  })

  it('counts a piece that is a token as one, even when merging would not reach it', () => {
    // No pair inside `abc` is a token, so merging leaves three parts.
    const ranks = toyRanks(['abc'])
    const { encoder, count } = pieceCounting(ranks)
    expect(count('abc')).toBe(1)
    expect(encoder.encode('abc')).toHaveLength(1)
    expect(count('abcabc')).toBe(6)
    expect(encoder.encode('abcabc')).toHaveLength(6)
  })

  it('merges the leftmost of equal pairs first, as js-tiktoken does', () => {
    // Leftmost first: aa|a|b, then nothing merges (3); rightmost first would give a|aab (2).
    const ranks = toyRanks(['aa', 'aab'])
    const { encoder, count } = pieceCounting(ranks)
    expect(count('aaab')).toBe(3)
    expect(encoder.encode('aaab')).toHaveLength(3)
    expect(count('aab')).toBe(1)
  })

  it('merges the lowest rank first, as js-tiktoken does', () => {
    // `bc` ranks below `ab`: a|bc|d, then a|bcd (2); with `ab` below `bc`: ab|c|d, and no more (3).
    const ranks = toyRanks(['bc', 'ab', 'bcd'])
    const { encoder, count } = pieceCounting(ranks)
    expect(count('abcd')).toBe(2)
    expect(encoder.encode('abcd')).toHaveLength(2)
    const swapped = pieceCounting(toyRanks(['ab', 'bc', 'bcd']))
    expect(swapped.count('abcd')).toBe(3)
    expect(swapped.encoder.encode('abcd')).toHaveLength(3)
  })

  it('counts piece after piece alike, before and after a piece longer than the room it keeps', () => {
    const { encoder, count } = pieceCounting(cl100k)
    const short = PIECES.map(count)
    expect(count('x'.repeat(80_000))).toBe(10_000)
    expect(count('退'.repeat(3_000))).toBe(count('退'.repeat(1_000)) * 3)
    expect(PIECES.map(count)).toEqual(short)
    expect(short).toEqual(PIECES.map((piece) => encoder.encode(piece).length))
  })
})
