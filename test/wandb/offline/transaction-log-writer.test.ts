import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readTransactionLog } from '../../../src/wandb/offline/transaction-log-reader.js'
import { TransactionLogWriter } from '../../../src/wandb/offline/transaction-log-writer.js'
import { encodeTransactionLog, FILE_HEADER } from '../../../src/wandb/offline/transaction-log.js'
import { firstDifference, payloadDifferences } from './support/bytes.js'
import { pseudoRandomBytes } from './support/chunks.js'

function tempPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'wandb-writer-')), 'run-x.wandb')
}

describe('TransactionLogWriter', () => {
  it('writes the file header on creation and each record as it is appended', () => {
    const path = tempPath()
    const writer = TransactionLogWriter.create(path)
    expect(readFileSync(path)).toEqual(Buffer.from(FILE_HEADER))
    const payloads = [pseudoRandomBytes(10, 1), pseudoRandomBytes(70_000, 2)]
    writer.append(payloads[0] as Uint8Array)
    expect(readFileSync(path).length).toBe(7 + 7 + 10)
    writer.append(payloads[1] as Uint8Array)
    const onDisk = readFileSync(path)
    expect(onDisk.length).toBe(writer.position)
    expect(firstDifference(onDisk, encodeTransactionLog(payloads))).toBeUndefined()
    writer.close()
  })

  it('leaves every appended record readable when it is never closed', () => {
    const path = tempPath()
    const writer = TransactionLogWriter.create(path)
    const payloads = [
      pseudoRandomBytes(5, 1),
      pseudoRandomBytes(40_000, 2),
      pseudoRandomBytes(5, 3),
    ]
    for (const payload of payloads) writer.append(payload)
    const log = readTransactionLog(readFileSync(path))
    expect(log.truncated).toBe(false)
    expect(payloadDifferences(log.payloads, payloads)).toEqual([])
    writer.close()
  })

  it('refuses to overwrite an existing file', () => {
    const path = tempPath()
    writeFileSync(path, 'keep me')
    expect(() => TransactionLogWriter.create(path)).toThrow(/EEXIST/)
    expect(readFileSync(path, 'utf8')).toBe('keep me')
  })

  it('closes once, and refuses appends after closing without moving its position', () => {
    const path = tempPath()
    const writer = TransactionLogWriter.create(path)
    writer.close()
    writer.close()
    expect(() => writer.append(new Uint8Array(1))).toThrow(`the transaction log ${path} is closed`)
    expect(writer.position).toBe(FILE_HEADER.length)
    expect(readFileSync(path).length).toBe(FILE_HEADER.length)
  })
})
