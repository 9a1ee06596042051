import type { FileStream } from './file-stream.js'
import type { ApiFailure, ApiResult } from './graphql-client.js'
import { DEFAULT_TIMEOUT_MS, Deadline } from './http/deadline.js'

/** A created run: its file_stream, and a way to upload its files. */
export interface RunConnection {
  readonly stream: FileStream
  uploadFile(
    name: string,
    bytes: Uint8Array,
    deadline: Deadline,
    cancel: AbortSignal,
  ): Promise<ApiResult<void>>
}

export interface UploaderOptions {
  /** The longest any one wait on W&B may take: creating the run, a flush, or the final drain. */
  readonly timeoutMs: number
  readonly flushIntervalMs: number
  readonly maxBatchLines: number
  /** History waiting to be sent; past it W&B is not keeping up and the upload stops. */
  readonly maxPendingBytes: number
}

export const DEFAULT_UPLOADER_OPTIONS: UploaderOptions = {
  timeoutMs: DEFAULT_TIMEOUT_MS,
  flushIntervalMs: 1_000,
  maxBatchLines: 200,
  maxPendingBytes: 64 * 1024 * 1024,
}

/**
 * Streams history lines to a run in the background while tests go on. The first failure is kept
 * and ends the upload (the caller then falls back to the offline copy); nothing here throws.
 */
export class RunUploader {
  private pending: string[] = []
  private pendingBytes = 0
  private failure: ApiFailure | undefined
  private chain: Promise<void> = Promise.resolve()
  private timer: NodeJS.Timeout | undefined
  private readonly cancel = new AbortController()
  private readonly connection: Promise<ApiResult<RunConnection>>

  constructor(
    openRun: (deadline: Deadline, cancel: AbortSignal) => Promise<ApiResult<RunConnection>>,
    private readonly options: UploaderOptions = DEFAULT_UPLOADER_OPTIONS,
  ) {
    this.connection = openRun(new Deadline(options.timeoutMs), this.cancel.signal).then(
      (opened) => {
        if (!opened.ok) this.fail(opened)
        return opened
      },
    )
  }

  /** Why the upload stopped, if it did. */
  get failed(): string | undefined {
    return this.failure?.reason
  }

  enqueue(line: string): void {
    if (this.failure !== undefined) return
    this.pending.push(line)
    this.pendingBytes += line.length
    if (this.pendingBytes > this.options.maxPendingBytes) {
      this.fail({
        ok: false,
        reason: `W&B did not keep up: over ${this.options.maxPendingBytes} bytes of history were waiting`,
      })
      return
    }
    if (this.pending.length >= this.options.maxBatchLines) this.flushSoon(0)
    else this.flushSoon(this.options.flushIntervalMs)
  }

  /** Uploads a file of the run after the history sent before it. */
  uploadFile(name: string, bytes: Uint8Array): void {
    void this.enqueueWork(async (connection) => {
      await this.sendPending(connection.stream, new Deadline(this.options.timeoutMs))
      if (this.failure !== undefined) return
      const uploaded = await connection.uploadFile(
        name,
        bytes,
        new Deadline(this.options.timeoutMs),
        this.cancel.signal,
      )
      if (!uploaded.ok) this.fail(uploaded)
    })
  }

  /** Sends what is left, then the summary and the exit code, within one deadline. */
  async finish(summaryJson: string, exitCode: number): Promise<ApiResult<void>> {
    clearTimeout(this.timer)
    const deadline = new Deadline(this.options.timeoutMs)
    const done = this.enqueueWork(async ({ stream }) => {
      await this.sendPending(stream, deadline)
      if (this.failure !== undefined) return
      const summary = await stream.sendSummary(summaryJson, deadline, this.cancel.signal)
      if (!summary.ok) return this.fail(summary)
      const completed = await stream.complete(exitCode, deadline, this.cancel.signal)
      if (!completed.ok) this.fail(completed)
    })
    const timedOut = await raceDeadline(done, deadline)
    if (timedOut)
      this.fail({
        ok: false,
        reason: `W&B did not answer within ${this.options.timeoutMs / 1000} s`,
      })
    return this.failure ?? { ok: true, value: undefined }
  }

  private flushSoon(delayMs: number): void {
    if (this.timer !== undefined && delayMs > 0) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.enqueueWork(({ stream }) =>
        this.sendPending(stream, new Deadline(this.options.timeoutMs)),
      )
    }, delayMs)
    this.timer.unref()
  }

  private enqueueWork(work: (connection: RunConnection) => Promise<void>): Promise<void> {
    this.chain = this.chain.then(async () => {
      const opened = await this.connection
      if (opened.ok && this.failure === undefined) await work(opened.value)
    })
    return this.chain
  }

  private async sendPending(stream: FileStream, deadline: Deadline): Promise<void> {
    while (this.pending.length > 0 && this.failure === undefined) {
      const batch = this.pending.slice(0, this.options.maxBatchLines)
      const sent = await stream.sendHistory(batch, deadline, this.cancel.signal)
      if (!sent.ok) return this.fail(sent)
      this.pending = this.pending.slice(batch.length)
      this.pendingBytes -= batch.reduce((bytes, line) => bytes + line.length, 0)
    }
  }

  private fail(failure: ApiFailure): void {
    this.failure ??= failure
    this.pending = []
    this.pendingBytes = 0
    clearTimeout(this.timer)
    this.cancel.abort()
  }
}

/** Waits for `work` or the deadline, whichever comes first; true when the deadline won. */
async function raceDeadline(work: Promise<void>, deadline: Deadline): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<true>((done) => {
    timer = setTimeout(() => done(true), deadline.remainingMs())
  })
  try {
    return await Promise.race([work.then(() => false as const), expired])
  } finally {
    clearTimeout(timer)
  }
}
