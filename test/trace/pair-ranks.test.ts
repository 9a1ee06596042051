import { Tiktoken } from 'js-tiktoken/lite'
import cl100k from 'js-tiktoken/ranks/cl100k_base'
import { describe, expect, it } from 'vitest'
import { NO_RANK, PairRanks } from '../../src/trace/pair-ranks.js'
import { rankMapOf } from '../../src/trace/rank-map.js'
import type { RankMap } from '../../src/trace/rank-map.js'

const cl100kMap = rankMapOf(new Tiktoken(cl100k), cl100k.bpe_ranks)

/** The cl100k ranks, recording the keys looked up. */
function spiedMap(): { map: RankMap; keys: string[] } {
  const keys: string[] = []
  const map: RankMap = Object.assign(Object.create(cl100kMap) as RankMap, {
    get: (key: string) => {
      keys.push(key)
      return cl100kMap.get(key)
    },
    keys: () => cl100kMap.keys(),
  })
  return { map, keys }
}

const bytes = (text: string) => Buffer.from(text, 'utf8')

describe('PairRanks', () => {
  it('gives the rank of every byte, and of bytes that make a token', () => {
    const ranks = new PairRanks(cl100kMap)
    expect(ranks.ofByte(104)).toBe(cl100kMap.get('104'))
    expect(ranks.ofByte(255)).toBe(cl100kMap.get('255'))
    const hello = bytes(' hello there')
    expect(ranks.ofBytes(hello, 0, 6)).toBe(cl100kMap.get(hello.subarray(0, 6).join(',')))
    expect(ranks.ofBytes(hello, 1, 6)).toBe(cl100kMap.get('104,101,108,108,111'))
    expect(ranks.ofBytes(hello, 0, hello.length)).toBe(NO_RANK)
  })

  it('looks up no key longer than the longest token', () => {
    const { map, keys } = spiedMap()
    const ranks = new PairRanks(map)
    keys.splice(0)
    const run = bytes('x'.repeat(1000))
    expect(ranks.ofBytes(run, 0, 1000)).toBe(NO_RANK)
    expect(keys).toEqual([])
    expect(ranks.ofBytes(run, 0, 8)).toBe(cl100kMap.get(run.subarray(0, 8).join(',')))
    expect(keys).toHaveLength(1)
  })

  it('ranks a pair of tokens as their bytes, looking each pair up once while it is remembered', () => {
    const { map, keys } = spiedMap()
    const ranks = new PairRanks(map)
    const text = bytes('xxxxxxxx yes')
    const xx = ranks.ofBytes(text, 0, 2)
    const xxxx = ranks.ofPair(xx, xx, text, 0, 4)
    expect(xxxx).toBe(cl100kMap.get('120,120,120,120'))
    const looked = keys.length
    expect(ranks.ofPair(xx, xx, text, 4, 8)).toBe(xxxx)
    expect(keys).toHaveLength(looked)
    expect(ranks.ofPair(ranks.ofByte(32), ranks.ofByte(121), text, 8, 10)).toBe(
      cl100kMap.get('32,121'),
    )
    expect(ranks.ofPair(xxxx, ranks.ofByte(32), text, 4, 9)).toBe(NO_RANK)
  })

  it('refuses ranks without a token for every byte, which merging needs', () => {
    const ranks = new Map([...cl100kMap].filter(([key]) => key !== '7'))
    expect(() => new PairRanks(ranks)).toThrow('The encoding has no token for byte 7.')
  })
})
