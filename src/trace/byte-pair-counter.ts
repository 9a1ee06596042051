import { keyPosition, keyRank, PairQueue } from './pair-queue.js'
import { NO_RANK } from './pair-ranks.js'
import type { PairRanks } from './pair-ranks.js'

// Working room kept between pieces: a piece longer than this gets room of its own, let go after.
const KEPT_BYTES = 4096
const NO_BYTES = new Uint8Array(0)

/**
 * Counts the tokens js-tiktoken makes of one piece, given as its UTF-8 bytes: a piece that is a
 * token is one; otherwise its bytes are merged pair by pair, lowest rank first and leftmost
 * among equals, as js-tiktoken merges them, but in O(n log n) where js-tiktoken takes O(n²).
 * The parts of the piece are a linked list over its byte positions, a part named by its first
 * byte. One counter lives as long as its ranks, so its arrays serve piece after piece.
 */
export class BytePairCounter {
  // At a part's first byte, where the next part starts; at the last byte of a part of two bytes
  // or more, where that part starts: the part before a part is found from the byte before it.
  private next = new Int32Array(KEPT_BYTES)
  // At a part's first byte, its token.
  private tokens = new Int32Array(KEPT_BYTES)
  // At a part's first byte, the rank of the part and its right neighbour together: NO_RANK if
  // they make no token, or once the part is merged away.
  private pairRanks = new Int32Array(KEPT_BYTES)
  private readonly queue = new PairQueue(KEPT_BYTES)
  private bytes: Uint8Array = NO_BYTES

  constructor(private readonly ranks: PairRanks) {}

  count(bytes: Uint8Array): number {
    if (bytes.length <= 1) return bytes.length
    if (this.ranks.ofBytes(bytes, 0, bytes.length) !== NO_RANK) return 1
    this.prepare(bytes)
    try {
      return this.merge()
    } finally {
      this.release()
    }
  }

  private prepare(bytes: Uint8Array): void {
    const length = bytes.length
    if (length > this.next.length) this.makeRoom(length)
    this.bytes = bytes
    for (let at = 0; at < length; at += 1) {
      this.next[at] = at + 1
      this.tokens[at] = this.ranks.ofByte(bytes[at] as number)
      this.pairRanks[at] = NO_RANK
    }
  }

  private makeRoom(length: number): void {
    this.next = new Int32Array(length)
    this.tokens = new Int32Array(length)
    this.pairRanks = new Int32Array(length)
    this.queue.reset(length)
  }

  private release(): void {
    this.bytes = NO_BYTES
    if (this.next.length > KEPT_BYTES) this.makeRoom(KEPT_BYTES)
    this.queue.reset(KEPT_BYTES)
  }

  /** Merges until no two neighbours make a token; the parts left are the tokens. */
  private merge(): number {
    for (let at = 0; at < this.bytes.length - 1; at += 1) this.rankPair(at)
    let parts = this.bytes.length
    while (!this.queue.isEmpty) {
      const key = this.queue.pop()
      const left = keyPosition(key)
      if (this.pairRanks[left] !== keyRank(key)) continue
      this.mergeAt(left)
      parts -= 1
    }
    return parts
  }

  private mergeAt(left: number): void {
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
