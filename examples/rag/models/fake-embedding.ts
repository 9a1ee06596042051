import { BaseEmbedding } from 'llamaindex'

export const FAKE_EMBEDDING_DIMENSIONS = 16

/** A deterministic embedding with no network: each word adds to one of 16 buckets, then the vector is normalized. */
export class FakeEmbedding extends BaseEmbedding {
  readonly model = 'fake-embedding'

  constructor() {
    super()
  }

  override async getTextEmbedding(text: string): Promise<number[]> {
    return embedWords(text)
  }
}

export function embedWords(text: string): number[] {
  const vector = new Array<number>(FAKE_EMBEDDING_DIMENSIONS).fill(0)
  for (const word of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    const bucket = [...word].reduce((sum, char) => sum + char.charCodeAt(0), 0)
    const at = bucket % FAKE_EMBEDDING_DIMENSIONS
    vector[at] = (vector[at] ?? 0) + 1
  }
  const length = Math.hypot(...vector) || 1
  return vector.map((value) => value / length)
}
