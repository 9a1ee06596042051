import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readTransactionLog } from '../../../src/wandb/offline/transaction-log-reader.js'
import { TransactionLogWriter } from '../../../src/wandb/offline/transaction-log-writer.js'
import { ChunkType, encodeTransactionLog } from '../../../src/wandb/offline/transaction-log.js'
import { firstDifference } from './support/bytes.js'
import {
  FIXTURE_NAMES,
  FIXTURES_AVAILABLE,
  FIXTURES_NOTE,
  loadFixture,
} from './support/fixtures.js'

describe.skipIf(!FIXTURES_AVAILABLE)(`framing records as W&B does${FIXTURES_NOTE}`, () => {
  it.each(FIXTURE_NAMES)('reproduces %s byte for byte in memory', (name) => {
    const { bytes } = loadFixture(name)
    const { payloads } = readTransactionLog(bytes)
    const framed = encodeTransactionLog(payloads)
    expect(framed.length).toBe(bytes.length)
    expect(firstDifference(framed, bytes)).toBeUndefined()
  })

  it.each(FIXTURE_NAMES)('reproduces %s byte for byte when appending to a file', (name) => {
    const { bytes } = loadFixture(name)
    const path = join(mkdtempSync(join(tmpdir(), 'wandb-log-')), `${name}.wandb`)
    const writer = TransactionLogWriter.create(path)
    for (const payload of readTransactionLog(bytes).payloads) writer.append(payload)
    expect(writer.position).toBe(bytes.length)
    writer.close()
    expect(firstDifference(readFileSync(path), bytes)).toBeUndefined()
  })

  it('splits the 70 KB record across three blocks as FIRST, MIDDLE and LAST chunks', () => {
    const { bytes } = loadFixture('reference-run-tsdemo01')
    const chunkTypeAt = (offset: number) => bytes[offset + 6]
    expect(chunkTypeAt(1169)).toBe(ChunkType.FIRST)
    expect(chunkTypeAt(32_768)).toBe(ChunkType.MIDDLE)
    expect(chunkTypeAt(65_536)).toBe(ChunkType.LAST)
    expect(readTransactionLog(bytes).payloads[8]?.length).toBe(70_039)
  })
})
