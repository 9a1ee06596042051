import { createRequire } from 'node:module'
import { Tiktoken } from 'js-tiktoken/lite'
import type { TiktokenBPE } from 'js-tiktoken/lite'
import { describe, expect, it, vi } from 'vitest'
import {
  cl100kTokenizer,
  countTokens,
  isDefaultTokenizerLoaded,
  TOKENIZER_ENCODINGS,
  tokenizerForEncoding,
} from '../../src/trace/token-counter.js'

const require = createRequire(import.meta.url)

describe('countTokens', () => {
  it('counts what the tokenizer returns', () => {
    const tokenizer = vi.fn((text: string) => text.split(' '))
    expect(countTokens(tokenizer, 'one two three')).toBe(3)
    expect(tokenizer).toHaveBeenCalledWith('one two three')
  })

  it('counts empty text as zero without calling the tokenizer', () => {
    const tokenizer = vi.fn((text: string) => [text])
    expect(countTokens(tokenizer, '')).toBe(0)
    expect(tokenizer).not.toHaveBeenCalled()
  })

  it('gives undefined when the tokenizer throws or returns something unusable', () => {
    const throwing = () => {
      throw new Error('tokenizer broke')
    }
    expect(countTokens(throwing, 'text')).toBeUndefined()
    expect(countTokens(() => ({ length: -1 }), 'text')).toBeUndefined()
    expect(countTokens(() => ({ length: 1.5 }), 'text')).toBeUndefined()
    expect(countTokens(() => null as unknown as string[], 'text')).toBeUndefined()
  })
})

describe('cl100kTokenizer', () => {
  it('builds the cl100k encoder on first use and counts with it', () => {
    expect(isDefaultTokenizerLoaded()).toBe(false)
    const tokens = cl100kTokenizer('hello world')
    expect(isDefaultTokenizerLoaded()).toBe(true)
    expect(Array.from(tokens)).toEqual([15339, 1917])
    expect(countTokens(cl100kTokenizer, 'The quick brown fox')).toBe(4)
  })
})

// Prose, contractions, numbers, code, whitespace runs, accents, Chinese, emoji, a special
// token's halves and a run of one letter: a long piece for every encoding.
const VARIED_TEXT = [
  "Customers can't ask for a refund after 30 days; they'll get store credit (up to $1,234.56).",
  '  function refund(order) {\n\treturn order.total * 0.9 // 10% fee\n  }\r\n\n\n',
  'Crème brûlée, naïve café, Ærøskøbing. 退款需要多长时间才能到账呢？ 🙂👍🏽🇯🇵 <| endoftext |>',
  'a'.repeat(300),
  'ЖжЖ 12345678901234567890 !!!??? ---> ==== ',
].join('\n')

describe.each(TOKENIZER_ENCODINGS)('counting with %s', (encoding) => {
  it('counts a varied text as js-tiktoken encodes it', () => {
    const ranks = require(`js-tiktoken/ranks/${encoding}`) as TiktokenBPE
    const expected = new Tiktoken(ranks).encode(VARIED_TEXT).length
    const tokenizer = tokenizerForEncoding(encoding)
    expect(countTokens(tokenizer, VARIED_TEXT)).toBe(expected)
    expect(countTokens(tokenizer, VARIED_TEXT)).toBe(expected)
    expect(tokenizer(VARIED_TEXT)).toHaveLength(expected)
    expect(expected).toBeGreaterThan(100)
  })
})

describe('counting long pieces with cl100k', () => {
  const encoder = new Tiktoken(require('js-tiktoken/ranks/cl100k_base') as TiktokenBPE)
  const SENTENCE = '退款需要多长时间才能到账呢'

  it('counts every 8 x of a 5,000,000-character run as one token', () => {
    for (const tokens of [1, 2, 7, 50]) {
      expect(encoder.encode('x'.repeat(8 * tokens))).toHaveLength(tokens)
      expect(countTokens(cl100kTokenizer, 'x'.repeat(8 * tokens))).toBe(tokens)
    }
    expect(countTokens(cl100kTokenizer, 'x'.repeat(5_000_000))).toBe(625_000)
    expect(countTokens(cl100kTokenizer, 'x'.repeat(800_008))).toBe(100_001)
  })

  it('counts a 200,000-character Chinese text, which is one piece, growing by 13 per sentence', () => {
    expect(SENTENCE).toHaveLength(13)
    for (const sentences of [1, 2, 3, 10, 20]) {
      const text = SENTENCE.repeat(sentences)
      expect(encoder.encode(text)).toHaveLength(13 * sentences)
      expect(countTokens(cl100kTokenizer, text)).toBe(13 * sentences)
    }
    const sentences = Math.ceil(200_000 / SENTENCE.length)
    expect(countTokens(cl100kTokenizer, SENTENCE.repeat(sentences))).toBe(13 * sentences)
    expect(countTokens(cl100kTokenizer, SENTENCE.repeat(sentences - 1))).toBe(13 * sentences - 13)
  })
})
