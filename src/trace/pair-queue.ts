// A key is rank · 2³² + position: ordering keys orders by rank, then by position. Exact while
// ranks stay below 2²¹ (the largest encoding has 200,000 tokens).
const POSITIONS = 2 ** 32

export function keyRank(key: number): number {
  return Math.floor(key / POSITIONS)
}

export function keyPosition(key: number): number {
  return key % POSITIONS
}

/**
 * The pairs of a piece waiting to merge, lowest rank first and leftmost among equal ranks, as
 * js-tiktoken picks them: a binary min-heap of keys. A pair whose rank changed stays in as a
 * stale key, for the reader to skip; a merge takes one key out and puts at most two in, so a
 * piece of n bytes never needs more than 2n keys.
 */
export class PairQueue {
  private keys: Float64Array
  private size = 0

  constructor(capacity: number) {
    this.keys = new Float64Array(capacity)
  }

  get isEmpty(): boolean {
    return this.size === 0
  }

  /** Empties the queue, making room for `capacity` keys, and no more unless it must grow. */
  reset(capacity: number): void {
    this.size = 0
    if (this.keys.length !== capacity) this.keys = new Float64Array(capacity)
  }

  push(rank: number, position: number): void {
    if (this.size === this.keys.length) this.grow()
    const keys = this.keys
    const key = rank * POSITIONS + position
    let slot = this.size
    this.size += 1
    while (slot > 0) {
      const parent = (slot - 1) >> 1
      const above = keys[parent] as number
      if (above <= key) break
      keys[slot] = above
      slot = parent
    }
    keys[slot] = key
  }

  /** Takes out the lowest key; only called when the queue is not empty. */
  pop(): number {
    const keys = this.keys
    const lowest = keys[0] as number
    this.size -= 1
    const size = this.size
    const last = keys[size] as number
    let slot = 0
    for (let child = 1; child < size; child = 2 * slot + 1) {
      let below = keys[child] as number
      const right = keys[child + 1] as number
      if (child + 1 < size && right < below) {
        child += 1
        below = right
      }
      if (below >= last) break
      keys[slot] = below
      slot = child
    }
    keys[slot] = last
    return lowest
  }

  private grow(): void {
    const grown = new Float64Array(Math.ceil(this.keys.length * 1.5) + 16)
    grown.set(this.keys)
    this.keys = grown
  }
}
