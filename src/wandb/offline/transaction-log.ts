import { crc32 } from 'node:zlib'

/** `":W&B"`, uint16 LE 0xBEE1, uint8 version 0: the first 7 bytes of every `.wandb` file. */
export const FILE_HEADER = Uint8Array.of(0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00)
export const LOG_VERSION = 0
export const BLOCK_SIZE = 32_768
export const CHUNK_HEADER_SIZE = 7

export const ChunkType = { FULL: 1, FIRST: 2, MIDDLE: 3, LAST: 4 } as const
export type ChunkType = (typeof ChunkType)[keyof typeof ChunkType]

/** zlib CRC-32 of the type byte followed by the chunk's data. */
export function chunkCrc(type: number, data: Uint8Array): number {
  const typeCrc = crc32(Uint8Array.of(type))
  // Node 20's zlib.crc32 answers 0 for an empty view of an empty buffer instead of the value given.
  return data.length === 0 ? typeCrc : crc32(data, typeCrc)
}

/**
 * Splits record payloads into LevelDB-log chunks the way W&B's writer does, remembering where the
 * stream stands inside its current 32 KB block between calls. It starts just after the file header.
 */
export class LogFramer {
  private offset = FILE_HEADER.length

  /** Bytes written so far, file header included. */
  get position(): number {
    return this.offset
  }

  /** The bytes that append one record: block padding if needed, then its chunks. */
  frame(payload: Uint8Array): Uint8Array {
    const parts = [this.padding()]
    let done = 0
    for (let first = true; ; first = false) {
      const space = BLOCK_SIZE - (this.offset % BLOCK_SIZE)
      const length = Math.min(payload.length - done, space - CHUNK_HEADER_SIZE)
      const last = done + length === payload.length
      parts.push(chunk(chunkType(first, last), payload.subarray(done, done + length)))
      this.offset += CHUNK_HEADER_SIZE + length
      done += length
      if (last) return concat(parts)
    }
  }

  /** A chunk header never straddles blocks: fewer than 7 bytes left are zero-filled. */
  private padding(): Uint8Array {
    const space = BLOCK_SIZE - (this.offset % BLOCK_SIZE)
    if (space >= CHUNK_HEADER_SIZE) return new Uint8Array()
    this.offset += space
    return new Uint8Array(space)
  }
}

function chunkType(first: boolean, last: boolean): ChunkType {
  if (first) return last ? ChunkType.FULL : ChunkType.FIRST
  return last ? ChunkType.LAST : ChunkType.MIDDLE
}

function chunk(type: ChunkType, data: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(CHUNK_HEADER_SIZE + data.length)
  const view = new DataView(bytes.buffer)
  view.setUint32(0, chunkCrc(type, data), true)
  view.setUint16(4, data.length, true)
  view.setUint8(6, type)
  bytes.set(data, CHUNK_HEADER_SIZE)
  return bytes
}

/** A whole `.wandb` file in memory: the file header, then every payload framed in order. */
export function encodeTransactionLog(payloads: Iterable<Uint8Array>): Uint8Array {
  const framer = new LogFramer()
  return concat([FILE_HEADER, ...Array.from(payloads, (payload) => framer.frame(payload))])
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}
