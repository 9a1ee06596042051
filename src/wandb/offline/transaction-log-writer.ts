import { closeSync, openSync, writeSync } from 'node:fs'
import { FILE_HEADER, LogFramer } from './transaction-log.js'

/**
 * Appends records to a `.wandb` file as they come, each with one synchronous write, so a killed
 * process leaves every finished record readable.
 */
export class TransactionLogWriter {
  private readonly framer = new LogFramer()

  private constructor(
    readonly path: string,
    private fd: number | undefined,
  ) {}

  /** Creates the file (refusing to overwrite an existing one) and writes the file header. */
  static create(path: string): TransactionLogWriter {
    const writer = new TransactionLogWriter(path, openSync(path, 'wx'))
    writeAll(writer.openFd(), FILE_HEADER)
    return writer
  }

  /** Bytes in the file so far. */
  get position(): number {
    return this.framer.position
  }

  append(payload: Uint8Array): void {
    const fd = this.openFd()
    writeAll(fd, this.framer.frame(payload))
  }

  close(): void {
    if (this.fd === undefined) return
    closeSync(this.fd)
    this.fd = undefined
  }

  private openFd(): number {
    if (this.fd === undefined) throw new Error(`the transaction log ${this.path} is closed`)
    return this.fd
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let written = 0
  while (written < bytes.length) written += writeSync(fd, bytes, written)
}
