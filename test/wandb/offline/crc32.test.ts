import * as zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { crc32 } from '../../../src/wandb/offline/crc32.js'
import { pseudoRandomBytes } from './support/chunks.js'

const zlibCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32

describe('crc32', () => {
  it('gives the standard CRC-32 check values', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
    expect(crc32(new Uint8Array())).toBe(0)
    expect(crc32(Uint8Array.of(0))).toBe(0xd202ef8d)
  })

  it('continues from a previous value as if the inputs were concatenated', () => {
    const data = pseudoRandomBytes(1000, 4)
    expect(crc32(data.subarray(300), crc32(data.subarray(0, 300)))).toBe(crc32(data))
  })

  it.skipIf(!zlibCrc32)('agrees with zlib.crc32 where Node has it', () => {
    for (const size of [1, 7, 100, 65_536]) {
      const data = pseudoRandomBytes(size, size)
      expect(crc32(data)).toBe(zlibCrc32?.(data))
      expect(crc32(data, 12345)).toBe(zlibCrc32?.(data, 12345))
    }
  })
})
