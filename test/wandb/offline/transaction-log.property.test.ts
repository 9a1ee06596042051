import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readTransactionLog } from '../../../src/wandb/offline/transaction-log-reader.js'
import {
  BLOCK_SIZE,
  CHUNK_HEADER_SIZE,
  concat,
  FILE_HEADER,
  LogFramer,
} from '../../../src/wandb/offline/transaction-log.js'
import { payloadDifferences } from './support/bytes.js'
import { pseudoRandomBytes } from './support/chunks.js'

const MAX_PAYLOAD = 100 * 1024

/**
 * A payload is either of a random size, or sized to leave `leave` bytes in its block: the block
 * arithmetic's edges (padding, an empty FIRST chunk, an exact fit) would rarely come up otherwise.
 */
type PayloadSpec = { size: number; seed: number } | { leave: number; seed: number }

const specsArb: fc.Arbitrary<PayloadSpec[]> = fc.array(
  fc.oneof(
    fc.record({ size: fc.integer({ min: 0, max: MAX_PAYLOAD }), seed: fc.integer() }),
    fc.record({ size: fc.integer({ min: 0, max: 16 }), seed: fc.integer() }),
    fc.record({ leave: fc.integer({ min: 0, max: 9 }), seed: fc.integer() }),
  ),
  { maxLength: 6 },
)

interface FramedLog {
  bytes: Uint8Array
  payloads: Uint8Array[]
  /** Per record: where its first chunk starts and where its last chunk ends. */
  spans: Array<{ start: number; end: number }>
}

function frameAll(specs: PayloadSpec[]): FramedLog {
  const framer = new LogFramer()
  const parts: Uint8Array[] = [FILE_HEADER]
  const payloads: Uint8Array[] = []
  const spans = specs.map((spec) => {
    const before = framer.position
    const left = BLOCK_SIZE - (before % BLOCK_SIZE)
    const start = left < CHUNK_HEADER_SIZE ? before + left : before
    const room = BLOCK_SIZE - (start % BLOCK_SIZE) - CHUNK_HEADER_SIZE
    const size = 'size' in spec ? spec.size : Math.max(0, room - spec.leave)
    const payload = pseudoRandomBytes(size, spec.seed)
    payloads.push(payload)
    parts.push(framer.frame(payload))
    return { start, end: framer.position }
  })
  return { bytes: concat(parts), payloads, spans }
}

describe('the transaction log, for any sequence of payloads', () => {
  it('reads back every payload identically, in order', () => {
    fc.assert(
      fc.property(specsArb, (specs) => {
        const { bytes, payloads } = frameAll(specs)
        const log = readTransactionLog(bytes)
        expect(log.truncated).toBe(false)
        expect(payloadDifferences(log.payloads, payloads)).toEqual([])
      }),
      { numRuns: 100 },
    )
  })

  it('reads the records that end before a cut, flagging a cut inside a record', () => {
    fc.assert(
      fc.property(specsArb, fc.double({ min: 0, max: 1, noNaN: true }), (specs, where) => {
        const { bytes, payloads, spans } = frameAll(specs)
        const cut = Math.floor(where * bytes.length)
        const log = readTransactionLog(bytes.subarray(0, cut))
        const complete = spans.filter((s) => s.end <= cut).length
        expect(payloadDifferences(log.payloads, payloads.slice(0, complete))).toEqual([])
        const cutRecord = spans.find((s) => s.start < cut && cut < s.end)
        if (cutRecord) {
          expect(log).toMatchObject({ truncated: true, truncatedAt: cutRecord.start })
        } else if (cut >= FILE_HEADER.length) {
          expect(log.truncated).toBe(false)
        }
      }),
      { numRuns: 100 },
    )
  })
})
