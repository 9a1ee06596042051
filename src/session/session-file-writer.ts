import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

/** Appends session file lines to `path` as they come, each on disk at once: a killed run keeps them. */
export class SessionFileWriter {
  private fd: number | undefined

  private constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true })
    this.fd = openSync(path, 'w')
  }

  static create(path: string): SessionFileWriter {
    return new SessionFileWriter(path)
  }

  get isOpen(): boolean {
    return this.fd !== undefined
  }

  write(line: string): void {
    if (this.fd === undefined) throw new Error('the session file is not open')
    writeSync(this.fd, line)
  }

  close(): void {
    if (this.fd === undefined) return
    closeSync(this.fd)
    this.fd = undefined
  }
}
