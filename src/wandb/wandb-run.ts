import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { basename, dirname, join } from 'node:path'
import type { JsonObject, JsonValue } from '../trace/json.js'
import { FileStream } from './file-stream.js'
import type { RunPath } from './file-stream.js'
import type { GitFacts } from './git-facts.js'
import { GraphqlClient } from './graphql-client.js'
import type { ApiResult } from './graphql-client.js'
import type { Deadline } from './http/deadline.js'
import { OfflineRunWriter, runDirName } from './offline-run-writer.js'
import { upsertRun, viewerEntity } from './run-api.js'
import { uploadRunFile } from './run-files.js'
import { DEFAULT_UPLOADER_OPTIONS, RunUploader } from './run-uploader.js'
import type { RunConnection } from './run-uploader.js'
import type { WandbSettings } from './settings.js'
import { runUrl } from './settings.js'

export interface WandbRunOptions {
  readonly settings: WandbSettings
  readonly config: Readonly<Record<string, JsonValue>>
  readonly git: GitFacts
  readonly startedAtMs: number
  /** Names the writer in the run's header record, e.g. `vitest-wandb 0.1.0`. */
  readonly producer: string
  readonly timeoutMs: number
  /** Prints a line for the user (the run's address, once it exists). */
  readonly announce: (line: string) => void
}

/** Where a finished run ended up. */
export type RunOutcome =
  | { readonly kind: 'online'; readonly url: string; readonly dir: string }
  | { readonly kind: 'offline'; readonly dir: string }
  | { readonly kind: 'fallback'; readonly dir: string; readonly reason: string; readonly baseUrl: string }

/**
 * One W&B run. Every row is written at once to a local transaction log (`wandb/run-…` online,
 * `wandb/offline-run-…` offline), so nothing is lost; online, the same rows stream to W&B in the
 * background. If W&B cannot be reached in time, the local copy becomes an offline run to sync later.
 */
export class WandbRun {
  private step = 0
  private readonly writer: OfflineRunWriter
  private readonly uploader: RunUploader | undefined
  private url: string | undefined

  constructor(private readonly options: WandbRunOptions) {
    const { settings, startedAtMs } = options
    const online = settings.mode === 'online' && settings.apiKey !== undefined
    const dir = join(settings.dir, 'wandb', runDirName(online ? 'run' : 'offline-run', startedAtMs, settings.runId))
    this.writer = OfflineRunWriter.create(dir, describeRun(options), options.producer)
    if (online && settings.apiKey !== undefined) {
      const apiKey = settings.apiKey
      this.uploader = new RunUploader((deadline, cancel) => this.connect(apiKey, deadline, cancel), {
        ...DEFAULT_UPLOADER_OPTIONS,
        timeoutMs: options.timeoutMs,
      })
    }
  }

  get dir(): string {
    return this.writer.dir
  }

  /** Logs one history row; `_step`, `_runtime` and `_timestamp` are added as W&B's SDK adds them. */
  log(row: JsonObject): void {
    const nowMs = Date.now()
    const line: JsonObject = {
      ...row,
      _step: this.step,
      _runtime: (nowMs - this.options.startedAtMs) / 1000,
      _timestamp: nowMs / 1000,
    }
    this.step += 1
    this.writer.history(line)
    this.uploader?.enqueue(JSON.stringify(line))
  }

  /** Saves a file of the run (under `files/`), to be uploaded with it. */
  saveFile(path: string, bytes: Uint8Array): void {
    const target = join(this.writer.filesDir, path)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, bytes)
    this.writer.files([path], 'NOW')
    this.uploader?.uploadFile(path, bytes)
  }

  /** Writes the summary and ends the run, online within the deadline or else as an offline run. */
  async finish(summary: JsonObject, exitCode: number): Promise<RunOutcome> {
    const runtimeS = (Date.now() - this.options.startedAtMs) / 1000
    this.writer.summary(summary)
    this.writer.finish(exitCode, runtimeS)
    if (this.uploader === undefined) return { kind: 'offline', dir: this.dir }
    const uploaded = await this.uploader.finish(JSON.stringify({ ...summary, _runtime: runtimeS }), exitCode)
    if (uploaded.ok && this.url !== undefined) {
      writeFileSync(join(this.dir, `run-${this.options.settings.runId}.wandb.synced`), '')
      return { kind: 'online', url: this.url, dir: this.dir }
    }
    const reason = uploaded.ok ? 'the run was never created' : uploaded.reason
    const offlineDir = join(dirname(this.dir), basename(this.dir).replace(/^run-/, 'offline-run-'))
    renameSync(this.dir, offlineDir)
    return { kind: 'fallback', dir: offlineDir, reason, baseUrl: this.options.settings.baseUrl }
  }

  private async connect(apiKey: string, deadline: Deadline, cancel: AbortSignal): Promise<ApiResult<RunConnection>> {
    const { settings } = this.options
    const client = new GraphqlClient(settings.baseUrl, apiKey)
    const entity = settings.entity === undefined ? await viewerEntity(client, deadline, cancel) : { ok: true as const, value: settings.entity }
    if (!entity.ok) return entity
    const created = await upsertRun(
      client,
      {
        runId: settings.runId,
        project: settings.project,
        entity: entity.value,
        displayName: settings.name,
        group: settings.group,
        jobType: settings.jobType,
        notes: settings.notes,
        tags: settings.tags,
        config: Object.fromEntries(Object.entries(this.options.config).map(([key, value]) => [key, { value }])),
        commit: this.options.git.commit,
        remoteUrl: this.options.git.remoteUrl,
        host: hostname(),
      },
      deadline,
      cancel,
    )
    if (!created.ok) return created
    const path: RunPath = { entity: created.value.entity, project: created.value.project, runId: created.value.runId }
    this.url = runUrl(settings, path.entity)
    this.options.announce(`vitest-wandb: logging this session to ${this.url}`)
    return {
      ok: true,
      value: {
        stream: new FileStream(settings.baseUrl, apiKey, path),
        uploadFile: (name, bytes, fileDeadline, fileCancel) => uploadRunFile(client, path, name, bytes, fileDeadline, fileCancel),
      },
    }
  }
}

function describeRun({ settings, config, git, startedAtMs }: WandbRunOptions) {
  return {
    runId: settings.runId,
    entity: settings.entity,
    project: settings.project,
    config,
    group: settings.group,
    jobType: settings.jobType,
    displayName: settings.name,
    notes: settings.notes,
    tags: settings.tags,
    host: hostname(),
    startedAtMs,
    git: { remoteUrl: git.remoteUrl, commit: git.commit },
  }
}
