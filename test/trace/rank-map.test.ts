import { Tiktoken } from 'js-tiktoken/lite'
import gpt2 from 'js-tiktoken/ranks/gpt2'
import { describe, expect, it } from 'vitest'
import { rankMapOf } from '../../src/trace/rank-map.js'

const encoder = new Tiktoken(gpt2)
const kept = (encoder as unknown as { rankMap: Map<string, number> }).rankMap

describe('rankMapOf', () => {
  it('reuses the ranks a js-tiktoken encoder decoded when it was built', () => {
    expect(kept).toBeInstanceOf(Map)
    expect(rankMapOf(encoder, gpt2.bpe_ranks)).toBe(kept)
  })

  it('decodes the same ranks itself when the encoder does not show them', () => {
    const decoded = rankMapOf({}, gpt2.bpe_ranks)
    expect(decoded).not.toBe(kept)
    expect(decoded.size).toBe(kept.size)
    expect([...decoded].filter(([key, rank]) => kept.get(key) !== rank)).toEqual([])
    expect(decoded.get('104,101,108,108,111')).toBe(31373)
  })

  it('decodes the ranks itself when the encoder keeps them in another form', () => {
    const other = { rankMap: new Map([...kept].map(([key, rank]) => [`${key};`, rank])) }
    const decoded = rankMapOf(other, gpt2.bpe_ranks)
    expect(decoded).not.toBe(other.rankMap)
    expect(decoded.get('104,101,108,108,111')).toBe(31373)
    expect(rankMapOf({ rankMap: new Map() }, gpt2.bpe_ranks).size).toBe(kept.size)
  })
})
