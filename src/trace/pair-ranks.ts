import type { RankMap } from './rank-map.js'

/** What a lookup gives for bytes that are no token. */
export const NO_RANK = -1

// 2^16 remembered pairs: 768 KB per encoding.
const CACHE_BITS = 16
const CACHE_SLOTS = 1 << CACHE_BITS
const BYTE_KEYS = Array.from({ length: 256 }, (_, byte) => String(byte))

/**
 * Rank lookups for a byte-pair merge. A pair of tokens is looked up by its two token ranks in a
 * fixed-size table (a token's rank names its bytes), so a long piece that repeats a few pairs
 * builds a map key only for pairs it has not met lately.
 */
export class PairRanks {
  private readonly byteRanks = new Int32Array(256)
  private readonly maxKeyChars: number
  // Per slot: the left rank, the right rank, and the rank of the pair (or NO_RANK).
  private readonly pairs = new Int32Array(3 * CACHE_SLOTS).fill(NO_RANK)

  constructor(private readonly ranks: RankMap) {
    let maxKeyChars = 0
    for (const key of ranks.keys()) maxKeyChars = Math.max(maxKeyChars, key.length)
    this.maxKeyChars = maxKeyChars
    for (let byte = 0; byte < 256; byte += 1) {
      const rank = ranks.get(BYTE_KEYS[byte] as string)
      // Every js-tiktoken encoding has all 256 bytes; the merge counts parts as tokens.
      if (rank === undefined) throw new Error(`The encoding has no token for byte ${byte}.`)
      this.byteRanks[byte] = rank
    }
  }

  ofByte(byte: number): number {
    return this.byteRanks[byte] as number
  }

  /** The rank of `bytes` from `start` to `end`, or NO_RANK. */
  ofBytes(bytes: Uint8Array, start: number, end: number): number {
    // A key holds at least two characters per byte, less the last comma.
    if (2 * (end - start) - 1 > this.maxKeyChars) return NO_RANK
    let key = BYTE_KEYS[bytes[start] as number] as string
    for (let at = start + 1; at < end; at += 1) key += `,${BYTE_KEYS[bytes[at] as number]}`
    return this.ranks.get(key) ?? NO_RANK
  }

  /** The rank of two neighbouring tokens, ranked `left` and `right`, spanning `start` to `end`. */
  ofPair(left: number, right: number, bytes: Uint8Array, start: number, end: number): number {
    const slot =
      3 * ((Math.imul(left, 0x9e3779b1) ^ Math.imul(right, 0x85ebca77)) >>> (32 - CACHE_BITS))
    const pairs = this.pairs
    if (pairs[slot] === left && pairs[slot + 1] === right) return pairs[slot + 2] as number
    const rank = this.ofBytes(bytes, start, end)
    pairs[slot] = left
    pairs[slot + 1] = right
    pairs[slot + 2] = rank
    return rank
  }
}
