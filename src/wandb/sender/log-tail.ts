import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import type { ApiResult } from '../graphql-client.js'
import { decodeRecord } from '../offline/record-decoder.js'
import type { WandbRecord } from '../offline/records.js'
import { hasWholeHeader, scanTransactionLog } from '../offline/transaction-log-reader.js'
import { BLOCK_SIZE, FILE_HEADER } from '../offline/transaction-log.js'

/** Bytes one read takes at most, unless a single record is longer. */
export const MAX_READ_BYTES = 8 * 1024 * 1024

/**
 * Reads a `.wandb` file while it is being written: each read returns the whole records appended
 * since the read before, up to about `maxReadBytes` of them (a sender that fell behind catches up
 * in several reads, not all at once). A record not yet whole is left for a later read; a damaged
 * one ends the reading with the damage as the failure.
 */
export class LogTail {
  private end = FILE_HEADER.length

  private readonly maxReadBytes: number

  constructor(
    readonly path: string,
    maxReadBytes = MAX_READ_BYTES,
  ) {
    // Enough for the file header and a chunk header on the first read.
    this.maxReadBytes = Math.max(maxReadBytes, 64)
  }

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
    for (let limit = this.maxReadBytes; ; limit *= 2) {
      const { bytes, more } = readFrom(this.path, blockStart, this.end - blockStart + limit)
      if (blockStart === 0 && !hasWholeHeader(bytes)) return { ok: true, value: [] }
      const scan = scanTransactionLog(bytes, this.end - blockStart)
      if (scan.stop?.kind === 'corrupt') {
        return { ok: false, reason: `the run's log ${this.path} is damaged: ${scan.stop.problem}` }
      }
      // A record longer than the limit: read more of it rather than wait for it forever.
      if (scan.payloads.length === 0 && more) continue
      this.end = blockStart + scan.end
      return { ok: true, value: scan.payloads.map(decodeRecord) }
    }
  }
}

/** Up to `limit` bytes of the file from `start`, and whether it holds more after them. */
function readFrom(
  path: string,
  start: number,
  limit: number,
): { bytes: Uint8Array; more: boolean } {
  const fd = openSync(path, 'r')
  try {
    const size = fstatSync(fd).size
    const bytes = new Uint8Array(Math.max(0, Math.min(size - start, limit)))
    let read = 0
    while (read < bytes.length) {
      const got = readSync(fd, bytes, read, bytes.length - read, start + read)
      if (got === 0) break
      read += got
    }
    return { bytes: bytes.subarray(0, read), more: start + read < size }
  } finally {
    closeSync(fd)
  }
}
