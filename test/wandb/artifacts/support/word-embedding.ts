import { BaseEmbedding } from 'llamaindex'

const DIMENSIONS = 64

/** A deterministic, offline embedding: words hashed into a fixed number of counts, normalized. */
export class WordEmbedding extends BaseEmbedding {
  constructor() {
    super()
  }

  async getTextEmbedding(text: string): Promise<number[]> {
    const vector = new Array<number>(DIMENSIONS).fill(0)
    for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
      let hash = 0
      for (const char of word) hash = (hash * 31 + char.charCodeAt(0)) % DIMENSIONS
      vector[hash] = (vector[hash] ?? 0) + 1
    }
    const norm = Math.hypot(...vector) || 1
    return vector.map((count) => count / norm)
  }
}
