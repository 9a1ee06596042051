import { describe, expect, it, vi } from 'vitest'
import {
  cl100kTokenizer,
  countTokens,
  isDefaultTokenizerLoaded,
} from '../../../src/trace/token-counter.js'

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
