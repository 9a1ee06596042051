import { describe, expect, it } from 'vitest'
import {
  BLOCK_SIZE,
  CHUNK_HEADER_SIZE,
  ChunkType,
  chunkCrc,
  encodeTransactionLog,
  FILE_HEADER,
  LogFramer,
} from '../../../src/wandb/offline/transaction-log.js'
import { readTransactionLog } from '../../../src/wandb/offline/transaction-log-reader.js'
import { payloadDifferences } from './support/bytes.js'
import { chunksOf, pseudoRandomBytes } from './support/chunks.js'

/** A payload that, framed right after the file header, leaves `left` bytes in block 0. */
function leaving(left: number): Uint8Array {
  return pseudoRandomBytes(BLOCK_SIZE - FILE_HEADER.length - CHUNK_HEADER_SIZE - left, left + 1)
}

describe('LogFramer and encodeTransactionLog', () => {
  it('starts a file with ":W&B", 0xBEE1 little-endian and version 0', () => {
    expect(Array.from(FILE_HEADER)).toEqual([0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00])
    expect(encodeTransactionLog([])).toEqual(FILE_HEADER)
  })

  it('writes a chunk header of CRC-32 over type and data, uint16 LE length and the type', () => {
    const data = new TextEncoder().encode('hello')
    const bytes = encodeTransactionLog([data])
    const view = new DataView(bytes.buffer)
    expect(view.getUint32(7, true)).toBe(chunkCrc(ChunkType.FULL, data))
    expect(chunkCrc(ChunkType.FULL, data)).not.toBe(chunkCrc(ChunkType.LAST, data))
    expect(view.getUint16(11, true)).toBe(5)
    expect(bytes[13]).toBe(ChunkType.FULL)
    expect(bytes.subarray(14)).toEqual(data)
  })

  it('computes the chunk CRC as the standard CRC-32 of the type byte followed by the data', () => {
    // A type byte of 0x31 ('1') before '23456789' is the standard check input '123456789'.
    expect(chunkCrc(0x31, new TextEncoder().encode('23456789'))).toBe(0xcbf43926)
    expect(chunkCrc(0, new Uint8Array())).toBe(0xd202ef8d)
    expect(chunkCrc(0, new Uint8Array(0).subarray(0, 0))).toBe(0xd202ef8d)
  })

  it('zero-pads a block with fewer than 7 bytes left and starts the next record in a new block', () => {
    const next = pseudoRandomBytes(10, 9)
    const bytes = encodeTransactionLog([leaving(6), next])
    expect(Array.from(bytes.subarray(BLOCK_SIZE - 6, BLOCK_SIZE))).toEqual([0, 0, 0, 0, 0, 0])
    expect(chunksOf(bytes).map((c) => [c.offset, c.type])).toEqual([
      [7, ChunkType.FULL],
      [BLOCK_SIZE, ChunkType.FULL],
    ])
    expect(payloadDifferences(readTransactionLog(bytes).payloads, [leaving(6), next])).toEqual([])
  })

  it('writes an empty FIRST chunk when exactly 7 bytes are left and the record does not fit', () => {
    const next = pseudoRandomBytes(10, 9)
    const bytes = encodeTransactionLog([leaving(7), next, new Uint8Array()])
    expect(chunksOf(bytes).map((c) => [c.offset, c.length, c.type])).toEqual([
      [7, BLOCK_SIZE - 21, ChunkType.FULL],
      [BLOCK_SIZE - 7, 0, ChunkType.FIRST],
      [BLOCK_SIZE, 10, ChunkType.LAST],
      [BLOCK_SIZE + 17, 0, ChunkType.FULL],
    ])
    const { payloads } = readTransactionLog(bytes)
    expect(payloadDifferences(payloads, [leaving(7), next, new Uint8Array()])).toEqual([])
  })

  it('fills a block exactly and uses whole blocks for the middle of a long record', () => {
    const exact = leaving(0)
    const long = pseudoRandomBytes(2 * (BLOCK_SIZE - CHUNK_HEADER_SIZE) + 1, 5)
    const bytes = encodeTransactionLog([exact, long])
    expect(chunksOf(bytes).map((c) => [c.offset, c.length, c.type])).toEqual([
      [7, BLOCK_SIZE - 14, ChunkType.FULL],
      [BLOCK_SIZE, BLOCK_SIZE - 7, ChunkType.FIRST],
      [2 * BLOCK_SIZE, BLOCK_SIZE - 7, ChunkType.MIDDLE],
      [3 * BLOCK_SIZE, 1, ChunkType.LAST],
    ])
  })

  it('tracks its position across calls, as one call over all payloads would', () => {
    const payloads = [leaving(3), pseudoRandomBytes(50_000, 1), pseudoRandomBytes(3, 2)]
    const framer = new LogFramer()
    expect(framer.position).toBe(FILE_HEADER.length)
    const pieces = payloads.map((p) => framer.frame(p))
    expect(framer.position).toBe(encodeTransactionLog(payloads).length)
    expect(pieces[1]?.subarray(0, 3)).toEqual(new Uint8Array(3))
    expect(pieces.reduce((sum, p) => sum + p.length, FILE_HEADER.length)).toBe(framer.position)
  })
})
