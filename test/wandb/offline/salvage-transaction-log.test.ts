import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { salvageTransactionLog } from '../../../src/wandb/offline/salvage-transaction-log.js'
import { TransactionLogError } from '../../../src/wandb/offline/transaction-log-reader.js'
import {
  BLOCK_SIZE,
  ChunkType,
  concat,
  encodeTransactionLog,
  FILE_HEADER,
  LogFramer,
} from '../../../src/wandb/offline/transaction-log.js'
import { payloadDifferences } from './support/bytes.js'
import { chunksOf, pseudoRandomBytes } from './support/chunks.js'

const SMALL = pseudoRandomBytes(100, 1)
const BIG = pseudoRandomBytes(80_000, 2)
const TAIL = pseudoRandomBytes(10, 3)
const LOG = encodeTransactionLog([SMALL, BIG, TAIL])
/** Twelve 5,000-byte records: six in block 0, the rest in blocks 1 and 2. */
const ROWS = Array.from({ length: 12 }, (_, i) => pseudoRandomBytes(5_000, 10 + i))
const ROWS_LOG = encodeTransactionLog(ROWS)

function flipped(bytes: Uint8Array, offset: number): Uint8Array {
  const out = Uint8Array.from(bytes)
  out[offset] = (out[offset] as number) ^ 0x01
  return out
}

describe('salvageTransactionLog', () => {
  it('reads a whole log with nothing lost', () => {
    const { payloads, loss } = salvageTransactionLog(LOG)
    expect(loss).toBeUndefined()
    expect(payloadDifferences(payloads, [SMALL, BIG, TAIL])).toEqual([])
  })

  it('keeps the records before a cut and counts the bytes of the record cut short', () => {
    const [, first, , , tail] = chunksOf(LOG)
    const inBig = salvageTransactionLog(LOG.subarray(0, BLOCK_SIZE + 500))
    expect(payloadDifferences(inBig.payloads, [SMALL])).toEqual([])
    expect(inBig.loss).toEqual({
      kind: 'cut',
      problem: `the file ends inside the record at byte ${first?.offset}`,
      fromByte: first?.offset,
      lostBytes: BLOCK_SIZE + 500 - (first?.offset ?? 0),
      recordsAfter: 0,
    })
    const inTail = salvageTransactionLog(LOG.subarray(0, LOG.length - 3))
    expect(payloadDifferences(inTail.payloads, [SMALL, BIG])).toEqual([])
    expect(inTail.loss).toMatchObject({ kind: 'cut', fromByte: tail?.offset, lostBytes: 14 })
  })

  it('stops at a chunk that fails its CRC check and counts the whole records past its block', () => {
    const chunks = chunksOf(ROWS_LOG)
    const second = chunks[1]?.offset ?? 0
    const { payloads, loss } = salvageTransactionLog(flipped(ROWS_LOG, second + 100))
    expect(payloadDifferences(payloads, ROWS.slice(0, 1))).toEqual([])
    const startingInLaterBlocks = chunks.filter(
      (c) => c.offset >= BLOCK_SIZE && c.type !== ChunkType.LAST,
    )
    expect(loss).toEqual({
      kind: 'corrupt',
      problem: `the chunk at byte ${second} fails its CRC check`,
      fromByte: second,
      lostBytes: ROWS_LOG.length - second,
      recordsAfter: startingInLaterBlocks.length,
    })
    expect(loss?.recordsAfter).toBeGreaterThan(3)
  })

  it('skips the rest of a record that began in the damaged block when counting', () => {
    const { payloads, loss } = salvageTransactionLog(flipped(LOG, FILE_HEADER.length + 20))
    expect(payloads).toEqual([])
    expect(loss).toMatchObject({ kind: 'corrupt', fromByte: FILE_HEADER.length, recordsAfter: 1 })
    expect(loss?.lostBytes).toBe(LOG.length - FILE_HEADER.length)
  })

  it('treats garbage after the last record as a damaged tail, the records before it kept', () => {
    const zeros = salvageTransactionLog(concat([LOG, new Uint8Array(40)]))
    expect(payloadDifferences(zeros.payloads, [SMALL, BIG, TAIL])).toEqual([])
    expect(zeros.loss).toMatchObject({ kind: 'corrupt', fromByte: LOG.length, lostBytes: 40 })
    expect(zeros.loss?.problem).toContain('CRC')
    const noise = salvageTransactionLog(concat([LOG, pseudoRandomBytes(3_000, 99)]))
    expect(noise.payloads).toHaveLength(3)
    expect(noise.loss).toMatchObject({ fromByte: LOG.length, lostBytes: 3_000 })
  })

  it('reports a file cut inside its header as losing every byte, and refuses a foreign file', () => {
    expect(salvageTransactionLog(FILE_HEADER.subarray(0, 4))).toEqual({
      payloads: [],
      loss: {
        kind: 'cut',
        problem: 'the file ends inside its header',
        fromByte: 0,
        lostBytes: 4,
        recordsAfter: 0,
      },
    })
    expect(() => salvageTransactionLog(new TextEncoder().encode('{"rows":[]}'))).toThrow(
      TransactionLogError,
    )
  })

  it('returns, for any flipped byte, a prefix of the records and accounts for every byte', () => {
    const payloads = Array.from({ length: 9 }, (_, i) => pseudoRandomBytes(1_000 + i * 4_999, i))
    const log = encodeTransactionLog(payloads)
    const framer = new LogFramer()
    const ends = payloads.map((payload) => {
      framer.frame(payload)
      return framer.position
    })
    fc.assert(
      fc.property(fc.integer({ min: FILE_HEADER.length, max: log.length - 1 }), (at) => {
        const salvaged = salvageTransactionLog(flipped(log, at))
        const kept = salvaged.payloads.length
        expect(payloadDifferences(salvaged.payloads, payloads.slice(0, kept))).toEqual([])
        expect(kept).toBeGreaterThanOrEqual(ends.filter((end) => end <= at).length)
        const loss = salvaged.loss
        if (loss === undefined) return expect(kept).toBe(payloads.length)
        expect(loss.fromByte + loss.lostBytes).toBe(log.length)
        expect(kept + 1 + loss.recordsAfter).toBeLessThanOrEqual(payloads.length)
      }),
      { numRuns: 300 },
    )
  })
})
