import { describe, expect, it } from 'vitest'
import {
  readTransactionLog,
  TransactionLogError,
} from '../../../src/wandb/offline/transaction-log-reader.js'
import {
  BLOCK_SIZE,
  ChunkType,
  chunkCrc,
  encodeTransactionLog,
  FILE_HEADER,
} from '../../../src/wandb/offline/transaction-log.js'
import { payloadDifferences } from './support/bytes.js'
import { chunksOf, pseudoRandomBytes } from './support/chunks.js'

const SMALL = pseudoRandomBytes(100, 1)
const BIG = pseudoRandomBytes(80_000, 2)
const TAIL = pseudoRandomBytes(10, 3)
const LOG = encodeTransactionLog([SMALL, BIG, TAIL])

function readError(bytes: Uint8Array): TransactionLogError {
  try {
    readTransactionLog(bytes)
  } catch (error) {
    if (error instanceof TransactionLogError) return error
    throw error
  }
  throw new Error('the log was read without an error')
}

function withChunk(bytes: Uint8Array, offset: number, type: number, data: Uint8Array): Uint8Array {
  const out = Uint8Array.from(bytes)
  const view = new DataView(out.buffer)
  view.setUint32(offset, chunkCrc(type, data), true)
  view.setUint16(offset + 4, data.length, true)
  view.setUint8(offset + 6, type)
  out.set(data, offset + 7)
  return out
}

describe('readTransactionLog', () => {
  it('reads back every payload of a well-formed log, the multi-block one rejoined', () => {
    const log = readTransactionLog(LOG)
    expect(log.truncated).toBe(false)
    expect(payloadDifferences(log.payloads, [SMALL, BIG, TAIL])).toEqual([])
    expect(chunksOf(LOG).map((c) => c.type)).toEqual([
      ChunkType.FULL,
      ChunkType.FIRST,
      ChunkType.MIDDLE,
      ChunkType.LAST,
      ChunkType.FULL,
    ])
  })

  it('reports a corrupted data byte as a CRC error naming the chunk offset', () => {
    for (const [offset, chunk] of [
      [7 + 7 + 50, 7],
      [BLOCK_SIZE + 7 + 1000, BLOCK_SIZE],
    ]) {
      const corrupt = Uint8Array.from(LOG)
      corrupt[offset as number] = (corrupt[offset as number] as number) ^ 0x01
      const error = readError(corrupt)
      expect(error.offset).toBe(chunk)
      expect(error.message).toContain(`chunk at byte ${chunk}`)
      expect(error.message).toContain('CRC')
    }
  })

  it('reports a corrupted chunk type or CRC as a CRC error', () => {
    const badType = Uint8Array.from(LOG)
    badType[7 + 6] = ChunkType.LAST
    expect(readError(badType).message).toContain('CRC')
    const badCrc = Uint8Array.from(LOG)
    badCrc[7] = (badCrc[7] as number) ^ 0xff
    expect(readError(badCrc).offset).toBe(7)
  })

  it('returns the complete records and truncated=true for a file cut inside a record', () => {
    const [, first, middle, last, tail] = chunksOf(LOG)
    for (const cut of [(first?.offset ?? 0) + 3, (middle?.offset ?? 0) + 100, last?.offset]) {
      const log = readTransactionLog(LOG.subarray(0, cut))
      expect(log).toEqual({ payloads: [SMALL], truncated: true, truncatedAt: first?.offset })
    }
    const cutInTail = readTransactionLog(LOG.subarray(0, LOG.length - 1))
    expect(cutInTail).toMatchObject({ truncated: true, truncatedAt: tail?.offset })
    expect(payloadDifferences(cutInTail.payloads, [SMALL, BIG])).toEqual([])
  })

  it('treats a file cut at a record boundary, or a header-only file, as complete', () => {
    const [, first] = chunksOf(LOG)
    expect(readTransactionLog(LOG.subarray(0, first?.offset))).toEqual({
      payloads: [SMALL],
      truncated: false,
    })
    expect(readTransactionLog(FILE_HEADER)).toEqual({ payloads: [], truncated: false })
  })

  it('reports a file cut inside the file header as truncated with no records', () => {
    expect(readTransactionLog(new Uint8Array())).toEqual({
      payloads: [],
      truncated: true,
      truncatedAt: 0,
    })
    expect(readTransactionLog(FILE_HEADER.subarray(0, 5))).toMatchObject({ truncated: true })
  })

  it('refuses a file that is not a W&B log or has another format version', () => {
    expect(readError(new TextEncoder().encode('{"kind":"session"}')).message).toContain(':W&B')
    expect(readError(Uint8Array.of(0x3a, 0x57, 0x26, 0x00)).offset).toBe(0)
    const v1 = Uint8Array.from(LOG)
    v1[6] = 1
    const error = readError(v1)
    expect(error.offset).toBe(6)
    expect(error.message).toContain('version 1')
  })

  it('refuses chunks out of sequence or of unknown type, each with a valid CRC', () => {
    const [full, first] = chunksOf(LOG)
    const orphanLast = withChunk(LOG, 7, ChunkType.LAST, SMALL)
    expect(readError(orphanLast).message).toContain('never started')
    const fullInsideRecord = withChunk(
      LOG,
      BLOCK_SIZE,
      ChunkType.FULL,
      LOG.subarray(BLOCK_SIZE + 7, 2 * BLOCK_SIZE),
    )
    const error = readError(fullInsideRecord)
    expect(error.offset).toBe(BLOCK_SIZE)
    expect(error.message).toContain(`the one at byte ${first?.offset}`)
    expect(readError(withChunk(LOG, full?.offset ?? 0, 9, SMALL)).message).toContain(
      'unknown type 9',
    )
  })

  it('refuses a chunk length that overruns its block', () => {
    const overrun = Uint8Array.from(LOG)
    new DataView(overrun.buffer).setUint16(7 + 4, BLOCK_SIZE - 7, true)
    const error = readError(overrun)
    expect(error.offset).toBe(7)
    expect(error.message).toContain('more than its block holds')
  })
})
