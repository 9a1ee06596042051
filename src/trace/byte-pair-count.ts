import { keyPosition, keyRank, PairQueue } from './pair-queue.js'
import { NO_RANK } from './pair-ranks.js'
import type { PairRanks } from './pair-ranks.js'

/**
 * The number of tokens js-tiktoken makes of one piece, given as its UTF-8 bytes: a piece that is
 * a token is one; otherwise its bytes are merged pair by pair, lowest rank first and leftmost
 * among equals, as js-tiktoken merges them, but in O(n log n) where js-tiktoken takes O(n²).
 */
export function countPieceTokens(bytes: Uint8Array, ranks: PairRanks): number {
  if (bytes.length <= 1) return bytes.length
  if (ranks.ofBytes(bytes, 0, bytes.length) !== NO_RANK) return 1
  return new PieceMerge(bytes, ranks).count()
}

/** The parts of a piece, as a linked list over its byte positions: a part is named by its first byte. */
class PieceMerge {
  // At a part's first byte, where the next part starts; at the last byte of a part of two bytes
  // or more, where that part starts: the part before a part is found from the byte before it.
  private readonly next: Int32Array
  // At a part's first byte, its token; at the first byte of a part with a right neighbour, the
  // rank of the two together (NO_RANK if they are no token, or once the part is merged away).
  private readonly tokens: Int32Array
  private readonly pairRanks: Int32Array
  private readonly queue: PairQueue

  constructor(
    private readonly bytes: Uint8Array,
    private readonly ranks: PairRanks,
  ) {
    const length = bytes.length
    this.next = new Int32Array(length)
    this.tokens = new Int32Array(length)
    this.pairRanks = new Int32Array(length).fill(NO_RANK)
    this.queue = new PairQueue(length, 2 * length)
    for (let at = 0; at < length; at += 1) {
      this.next[at] = at + 1
      this.tokens[at] = ranks.ofByte(bytes[at] as number)
    }
  }

  /** Merges until no two neighbours make a token; the parts left are the tokens. */
  count(): number {
    for (let at = 0; at < this.bytes.length - 1; at += 1) this.rankPair(at)
    let parts = this.bytes.length
    while (!this.queue.isEmpty) {
      const key = this.queue.pop()
      const left = keyPosition(key)
      if (this.pairRanks[left] !== keyRank(key)) continue
      this.merge(left)
      parts -= 1
    }
    return parts
  }

  private merge(left: number): void {
    const right = this.next[left] as number
    const after = this.next[right] as number
    this.tokens[left] = this.pairRanks[left] as number
    this.pairRanks[right] = NO_RANK
    this.next[left] = after
    this.next[after - 1] = left
    this.rankPair(left)
    if (left > 0) this.rankPair(this.partBefore(left))
  }

  private partBefore(first: number): number {
    const last = first - 1
    const pointer = this.next[last] as number
    return pointer > last ? last : pointer
  }

  /** Ranks the part at `left` with its right neighbour, and queues the pair if it is a token. */
  private rankPair(left: number): void {
    const right = this.next[left] as number
    const rank =
      right === this.bytes.length
        ? NO_RANK
        : this.ranks.ofPair(
            this.tokens[left] as number,
            this.tokens[right] as number,
            this.bytes,
            left,
            this.next[right] as number,
          )
    this.pairRanks[left] = rank
    if (rank !== NO_RANK) this.queue.push(rank, left)
  }
}
