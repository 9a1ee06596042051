import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { transferMs } from '../artifacts/streamed-exchange.js'
import type { UploadedArtifact } from '../artifacts/upload-artifact.js'
import type { RunPath } from '../file-stream.js'
import type { ApiFailure, ApiResult } from '../graphql-client.js'
import { itemsObject } from '../offline/json-items.js'
import type { ArtifactRecord, JsonItem, RunRecord, WandbRecord } from '../offline/records.js'
import { inRunFolder } from './in-run-folder.js'
import type { RunTransport } from './run-transport.js'
import type { ProgressRecord, SyncProgress } from './send-progress.js'
import type { Wait } from './wait-with-notice.js'

/** Records of a run's log, in order: each read returns those not read before. */
export interface RecordSource {
  read(): ApiResult<readonly WandbRecord[]>
}

/** What the sender tells its owner as it goes. */
export interface SenderListener {
  created?(run: RunPath): void
  artifactSent?(record: ArtifactRecord, sent: ApiResult<UploadedArtifact>): void
  failed?(failure: ApiFailure): void
}

export interface SenderOptions {
  /** The run folder where it is now: run files are read from its `files/`, artifact copies from inside it. */
  readonly dir: string
  /** The longest one step may wait on W&B (an artifact gets more per megabyte). */
  readonly timeoutMs: number
  readonly wait: Wait
  /** Where sending starts once the run exists: after what an earlier attempt recorded for it. */
  readonly progressFor: (run: RunPath) => ProgressRecord
  readonly listener?: SenderListener
  /** Progress lines of large artifact uploads. */
  readonly say?: (line: string) => void
  /** Set while a run is live: rows waiting for a full batch are sent after this long. */
  readonly flushIntervalMs?: number
  readonly batchLines?: number
}

export const BATCH_LINES = 200
const DONE: ApiResult<void> = { ok: true, value: undefined }

/**
 * Sends a run's log to W&B in the log's order: creates the run from its `run` record, then sends
 * history rows in batches at their offsets, run files, artifacts, and at the end the summary and
 * the exit code. Each step W&B confirms is recorded in the run folder, so a later attempt (`sync`
 * after a crash or a fallback) sends nothing twice. The first failure stops it; nothing here throws.
 */
export class RunSender {
  private run: RunPath | undefined
  private progress: ProgressRecord | undefined
  private readonly seen = { artifacts: 0, rows: 0, files: 0 }
  private pending: string[] = []
  private summary: Record<string, unknown> | undefined
  private failure: ApiFailure | undefined
  private chain: Promise<void> = Promise.resolve()
  private readQueued = false
  private timer: NodeJS.Timeout | undefined
  private readonly cancel = new AbortController()

  constructor(
    private readonly source: RecordSource,
    private readonly transport: RunTransport,
    private readonly options: SenderOptions,
  ) {}

  /** Why sending stopped, if it did. */
  get failed(): ApiFailure | undefined {
    return this.failure
  }

  /** What W&B has confirmed so far, counted from the start of the log; undefined before the run exists. */
  get sent(): SyncProgress | undefined {
    return this.progress?.current
  }

  /** The log has grown: reads and sends the new records after what is under way. */
  wake(): void {
    if (this.readQueued || this.failure !== undefined) return
    this.readQueued = true
    void this.enqueue(() => {
      this.readQueued = false
      return this.sendNewRecords()
    })
  }

  /** Reads the log to its end and sends all of it, then the summary and the end of the run. */
  async finish(exitCode: number): Promise<ApiResult<void>> {
    clearTimeout(this.timer)
    await this.enqueue(async () => {
      await this.sendNewRecords()
      await this.sendPending()
      await this.sendEnd(exitCode)
    })
    return this.failure ?? DONE
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(async () => {
      if (this.failure !== undefined) return
      try {
        await work()
      } catch (error) {
        this.fail({ ok: false, reason: error instanceof Error ? error.message : String(error) })
      }
    })
    return this.chain
  }

  private async sendNewRecords(): Promise<void> {
    for (;;) {
      const read = this.source.read()
      if (!read.ok) return this.fail(read)
      if (read.value.length === 0) return
      for (const record of read.value) {
        await this.sendRecord(record)
        if (this.failure !== undefined) return
      }
    }
  }

  private async sendRecord(record: WandbRecord): Promise<void> {
    if (record.kind === 'header' || record.kind === 'unknown') return
    if (record.kind === 'run') return this.run === undefined ? this.create(record.run) : undefined
    if (this.run === undefined || this.progress === undefined) {
      return this.fail({ ok: false, reason: `the log has a ${record.kind} record before its run` })
    }
    const into = { run: this.run, progress: this.progress }
    if (record.kind === 'history') return this.addRow(record.history.items, into.progress)
    if (record.kind === 'summary') {
      this.summary = { ...this.summary, ...itemsObject(record.summary.update ?? []) }
    } else if (record.kind === 'files') {
      await this.sendPending()
      for (const file of record.files.files) await this.sendFile(file.path ?? '', into)
    } else if (record.kind === 'artifact') {
      await this.sendPending()
      await this.sendArtifact(record.artifact, into)
    }
  }

  private async create(record: RunRecord): Promise<void> {
    const created = await this.options.wait('create the run', this.options.timeoutMs, (deadline) =>
      this.transport.createRun(record, deadline, this.cancel.signal),
    )
    if (!created.ok) return this.fail(created)
    this.run = created.value
    this.progress = this.options.progressFor(created.value)
    this.options.listener?.created?.(created.value)
  }

  private async addRow(items: readonly JsonItem[], progress: ProgressRecord): Promise<void> {
    const index = this.seen.rows
    this.seen.rows += 1
    if (index < progress.current.rows) return
    this.pending.push(JSON.stringify(itemsObject(items)))
    if (this.pending.length >= (this.options.batchLines ?? BATCH_LINES)) {
      return this.sendPending()
    }
    this.flushLater()
  }

  private flushLater(): void {
    const { flushIntervalMs } = this.options
    if (flushIntervalMs === undefined || this.timer !== undefined) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.enqueue(() => this.sendPending())
    }, flushIntervalMs)
    this.timer.unref()
  }

  private async sendPending(): Promise<void> {
    const { run, progress } = this
    if (run === undefined || progress === undefined) return
    const batchLines = this.options.batchLines ?? BATCH_LINES
    while (this.pending.length > 0 && this.failure === undefined) {
      const batch = this.pending.slice(0, batchLines)
      const from = progress.current.rows
      const sent = await this.options.wait(
        `accept rows ${from + 1}–${from + batch.length}`,
        this.options.timeoutMs,
        (deadline) => this.transport.sendHistory(run, batch, from, deadline, this.cancel.signal),
      )
      if (!sent.ok) return this.fail(sent)
      this.pending = this.pending.slice(batch.length)
      progress.advance({ rows: from + batch.length })
    }
  }

  private async sendFile(
    name: string,
    { run, progress }: { run: RunPath; progress: ProgressRecord },
  ): Promise<void> {
    if (this.failure !== undefined) return
    const index = this.seen.files
    this.seen.files += 1
    if (index < progress.current.files) return
    const bytes = readRunFile(this.options.dir, name)
    if (!bytes.ok) return this.fail(bytes)
    const uploaded = await this.options.wait(
      `accept the file ${name}`,
      this.options.timeoutMs,
      (deadline) => this.transport.uploadFile(run, name, bytes.value, deadline, this.cancel.signal),
    )
    if (!uploaded.ok) return this.fail(uploaded)
    progress.advance({ files: index + 1 })
  }

  private async sendArtifact(
    record: ArtifactRecord,
    { run, progress }: { run: RunPath; progress: ProgressRecord },
  ): Promise<void> {
    if (this.failure !== undefined) return
    const index = this.seen.artifacts
    this.seen.artifacts += 1
    if (index < progress.current.artifacts) return
    const { timeoutMs, say } = this.options
    const uploaded = await this.options.wait(
      `accept the artifact ${record.name ?? '(unnamed)'}`,
      timeoutMs + transferMs(artifactBytes(record)),
      () =>
        this.transport.uploadArtifact(run, record, {
          timeoutMs,
          cancel: this.cancel.signal,
          localPath: inRunFolder(this.options.dir),
          log: say,
        }),
    )
    this.options.listener?.artifactSent?.(record, uploaded)
    if (!uploaded.ok) return this.fail(uploaded)
    progress.advance({ artifacts: index + 1 })
  }

  private async sendEnd(exitCode: number): Promise<void> {
    const { run, summary } = this
    if (this.failure !== undefined) return
    if (run === undefined) {
      return this.fail({ ok: false, reason: 'the log ends before its run record' })
    }
    const { wait, timeoutMs } = this.options
    if (summary !== undefined) {
      const sent = await wait('accept the summary', timeoutMs, (deadline) =>
        this.transport.sendSummary(run, JSON.stringify(summary), deadline, this.cancel.signal),
      )
      if (!sent.ok) return this.fail(sent)
    }
    const completed = await wait('record the end of the run', timeoutMs, (deadline) =>
      this.transport.complete(run, exitCode, deadline, this.cancel.signal),
    )
    if (!completed.ok) this.fail(completed)
  }

  private fail(failure: ApiFailure): void {
    if (this.failure !== undefined) return
    this.failure = failure
    this.pending = []
    clearTimeout(this.timer)
    this.cancel.abort()
    this.options.listener?.failed?.(failure)
  }
}

function readRunFile(dir: string, name: string): ApiResult<Uint8Array> {
  try {
    return { ok: true, value: readFileSync(join(dir, 'files', name)) }
  } catch {
    return { ok: false, reason: `the run file ${name} is missing from ${join(dir, 'files')}` }
  }
}

function artifactBytes(record: ArtifactRecord): number {
  return (record.manifest?.contents ?? []).reduce((sum, entry) => sum + (entry.size ?? 0), 0)
}
