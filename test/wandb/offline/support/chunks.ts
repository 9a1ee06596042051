import {
  BLOCK_SIZE,
  CHUNK_HEADER_SIZE,
  FILE_HEADER,
} from '../../../../src/wandb/offline/transaction-log.js'

export interface ChunkInfo {
  offset: number
  length: number
  type: number
}

/** The chunk headers of a well-formed log, read without the reader under test. */
export function chunksOf(bytes: Uint8Array): ChunkInfo[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length)
  const chunks: ChunkInfo[] = []
  let offset = FILE_HEADER.length
  while (offset < bytes.length) {
    const space = BLOCK_SIZE - (offset % BLOCK_SIZE)
    if (space < CHUNK_HEADER_SIZE) {
      offset += space
      continue
    }
    const length = view.getUint16(offset + 4, true)
    chunks.push({ offset, length, type: view.getUint8(offset + 6) })
    offset += CHUNK_HEADER_SIZE + length
  }
  return chunks
}

/** Deterministic pseudo-random bytes (xorshift32), so large payloads are cheap to make. */
export function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length)
  let state = seed | 1
  for (let i = 0; i < length; i++) {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    bytes[i] = state & 0xff
  }
  return bytes
}
