import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import type { ApiResult } from '../graphql-client.js'
import { decodeRecord } from '../offline/record-decoder.js'
import type { WandbRecord } from '../offline/records.js'
import { hasWholeHeader, scanTransactionLog } from '../offline/transaction-log-reader.js'
import { BLOCK_SIZE, FILE_HEADER } from '../offline/transaction-log.js'

/**
 * Reads a `.wandb` file while it is being written: each read returns the whole records appended
 * since the read before. A record not yet whole is left for a later read; a damaged one ends
 * the reading with the damage as the failure.
 */
export class LogTail {
  private end = FILE_HEADER.length

  constructor(readonly path: string) {}

  read(): ApiResult<WandbRecord[]> {
    try {
      return this.readNew()
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error)
      return { ok: false, reason: `the run's log ${this.path} cannot be read (${problem})` }
    }
  }

  private readNew(): ApiResult<WandbRecord[]> {
    // Chunks are laid out in 32 KB blocks counted from the file's start, so reading resumes at
    // the start of the block that holds the last position read.
    const blockStart = this.end - (this.end % BLOCK_SIZE)
    const bytes = readFrom(this.path, blockStart)
    if (blockStart === 0 && !hasWholeHeader(bytes)) return { ok: true, value: [] }
    const scan = scanTransactionLog(bytes, this.end - blockStart)
    this.end = blockStart + scan.end
    if (scan.stop?.kind === 'corrupt') {
      return { ok: false, reason: `the run's log ${this.path} is damaged: ${scan.stop.problem}` }
    }
    return { ok: true, value: scan.payloads.map(decodeRecord) }
  }
}

function readFrom(path: string, start: number): Uint8Array {
  const fd = openSync(path, 'r')
  try {
    const size = fstatSync(fd).size
    const bytes = new Uint8Array(Math.max(0, size - start))
    let read = 0
    while (read < bytes.length) {
      const got = readSync(fd, bytes, read, bytes.length - read, start + read)
      if (got === 0) break
      read += got
    }
    return bytes.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}
