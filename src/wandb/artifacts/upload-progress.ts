// Below this an upload is quick enough to need no progress line.
export const PROGRESS_MIN_BYTES = 8 * 1024 * 1024
const PROGRESS_INTERVAL_MS = 2_000

/** Progress lines for one artifact upload: a start line, then at most one line per interval. */
export class UploadProgress {
  private sent = 0
  private lastLineMs: number
  private readonly startedMs: number
  private readonly shown: boolean

  constructor(
    private readonly name: string,
    private readonly totalBytes: number,
    private readonly log: ((line: string) => void) | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.startedMs = now()
    this.lastLineMs = this.startedMs
    this.shown = log !== undefined && totalBytes >= PROGRESS_MIN_BYTES
  }

  start(files: number): void {
    this.line(
      `uploading artifact ${this.name}: ${files} file${files === 1 ? '' : 's'}, ${megabytes(this.totalBytes)}`,
    )
  }

  advance(bytes: number): void {
    this.sent = Math.min(this.totalBytes, this.sent + bytes)
    if (this.now() - this.lastLineMs < PROGRESS_INTERVAL_MS) return
    this.lastLineMs = this.now()
    const percent = Math.floor((this.sent / this.totalBytes) * 100)
    this.line(
      `uploading artifact ${this.name}: ${megabytes(this.sent)} of ${megabytes(this.totalBytes)} (${percent}%)`,
    )
  }

  done(version: string): void {
    const seconds = ((this.now() - this.startedMs) / 1000).toFixed(1)
    this.line(
      `uploaded artifact ${this.name}:${version} (${megabytes(this.totalBytes)} in ${seconds} s)`,
    )
  }

  private line(text: string): void {
    if (this.shown) this.log?.(`vitest-wandb: ${text}`)
  }
}

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
