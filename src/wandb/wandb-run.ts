import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { basename, dirname, join } from 'node:path'
import type { JsonObject, JsonValue } from '../json.js'
import { FileStream } from './file-stream.js'
import type { RunPath } from './file-stream.js'
import type { GitFacts } from './git-facts.js'
import { GraphqlClient } from './graphql-client.js'
import type { ApiResult } from './graphql-client.js'
import { Deadline } from './http/deadline.js'
import { OfflineRunWriter, runDirName } from './offline-run-writer.js'
import type { ArtifactRecord } from './offline/records.js'
import { upsertRun, viewerEntity } from './run-api.js'
import { uploadRunFile } from './run-files.js'
import { DEFAULT_UPLOADER_OPTIONS, RunUploader } from './run-uploader.js'
import type { RunConnection } from './run-uploader.js'
import type { WandbSettings } from './settings.js'
import { runUrl } from './settings.js'
import { displayPath } from '../display-path.js'
import { problemLine } from '../problem.js'
import type { Problem } from '../problem.js'
import { withSlowWaitNotice } from './slow-wait-notice.js'
import { warn } from '../warnings.js'

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
  | {
      readonly kind: 'fallback'
      readonly dir: string
      readonly reason: string
      readonly baseUrl: string
      /** The HTTP status W&B answered with, when one came. */
      readonly status?: number
    }

/** A run that exists on W&B: a client for its API and its path. */
export interface RunApi {
  readonly client: GraphqlClient
  readonly path: RunPath
}

/** An output artifact of a run, and the two ways it can reach W&B. */
export interface RunArtifact {
  /** The same key is logged once per run. */
  readonly key: string
  upload(api: RunApi): Promise<ApiResult<unknown>>
  record(into: ArtifactRecordTarget): Promise<ArtifactRecord>
}

/** Where an artifact's record goes: files are copied into `copyDir` and named at `finalDir`, where the run folder ends up. */
export interface ArtifactRecordTarget {
  readonly copyDir: string
  readonly finalDir: string
  readonly runId: string
  readonly project: string
  readonly entity: string | undefined
}

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
  private api: RunApi | undefined
  private resolveCreated!: (api: RunApi | undefined) => void
  private readonly created = new Promise<RunApi | undefined>((resolve) => {
    this.resolveCreated = resolve
  })
  private readonly artifacts = new Map<string, Promise<'uploaded' | 'recorded'>>()
  private artifactFailure: string | undefined
  private finishing = false

  constructor(private readonly options: WandbRunOptions) {
    const { settings, startedAtMs } = options
    const online = settings.mode === 'online' && settings.apiKey !== undefined
    if (settings.mode === 'online' && !online) {
      warn(
        'W&B mode is online, but no API key was found (set WANDB_API_KEY or run `wandb login`); the run is saved offline instead.',
      )
    }
    const dir = join(
      settings.dir,
      'wandb',
      runDirName(online ? 'run' : 'offline-run', startedAtMs, settings.runId),
    )
    this.writer = OfflineRunWriter.create(dir, describeRun(options), options.producer)
    if (settings.trouble?.outcome === 'offline') warnSavedOffline(settings.trouble.problem, dir)
    if (online && settings.apiKey !== undefined) {
      const apiKey = settings.apiKey
      const open = (deadline: Deadline, cancel: AbortSignal) =>
        this.connect(apiKey, deadline, cancel).then(
          (opened) => {
            this.resolveCreated(opened.ok ? this.api : undefined)
            return opened
          },
          (error: unknown) => {
            this.resolveCreated(undefined)
            throw error
          },
        )
      this.uploader = new RunUploader(open, {
        ...DEFAULT_UPLOADER_OPTIONS,
        timeoutMs: options.timeoutMs,
      })
    } else {
      this.resolveCreated(undefined)
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

  /**
   * Logs an output artifact once per key: uploaded once the run exists online; offline, or when the
   * upload fails, recorded in the run (files copied into its folder) for a later sync, and then the
   * run ends as an offline run.
   */
  artifact(artifact: RunArtifact): Promise<'uploaded' | 'recorded'> {
    if (this.finishing) return Promise.reject(new Error('the run has already finished'))
    const logged = this.artifacts.get(artifact.key) ?? this.logArtifact(artifact)
    this.artifacts.set(artifact.key, logged)
    return logged
  }

  /** The run on W&B once it exists; undefined offline or when it could not be created. */
  whenCreated(): Promise<RunApi | undefined> {
    return this.created
  }

  private async logArtifact(artifact: RunArtifact): Promise<'uploaded' | 'recorded'> {
    const api = await this.created
    if (api !== undefined) {
      const uploaded = await artifact.upload(api)
      if (uploaded.ok) return 'uploaded'
      this.artifactFailure ??= uploaded.reason
    } else if (this.uploader !== undefined) {
      this.artifactFailure ??= 'the run was never created'
    }
    const { runId, project, entity } = this.options.settings
    const finalDir = this.uploader === undefined ? this.dir : fallbackDir(this.dir)
    this.writer.artifact(
      await artifact.record({
        copyDir: this.dir,
        finalDir,
        runId,
        project,
        entity: this.api?.path.entity ?? entity,
      }),
    )
    return 'recorded'
  }

  /** Writes the summary and ends the run, online within the deadline or else as an offline run. */
  async finish(summary: JsonObject, exitCode: number): Promise<RunOutcome> {
    this.finishing = true
    await Promise.allSettled(this.artifacts.values())
    const runtimeS = (Date.now() - this.options.startedAtMs) / 1000
    this.writer.summary(summary)
    this.writer.finish(exitCode, runtimeS)
    if (this.uploader === undefined) return { kind: 'offline', dir: this.dir }
    const uploaded = await withSlowWaitNotice(
      this.uploader.finish(JSON.stringify({ ...summary, _runtime: runtimeS }), exitCode),
      {
        what: 'finish the run',
        deadline: new Deadline(this.options.timeoutMs),
        announce: this.options.announce,
      },
    )
    if (uploaded.ok && this.url !== undefined && this.artifactFailure === undefined) {
      writeFileSync(join(this.dir, `run-${this.options.settings.runId}.wandb.synced`), '')
      return { kind: 'online', url: this.url, dir: this.dir }
    }
    const offlineDir = fallbackDir(this.dir)
    renameSync(this.dir, offlineDir)
    const { baseUrl } = this.options.settings
    if (uploaded.ok) {
      const reason = this.artifactFailure ?? 'the run was never created'
      return { kind: 'fallback', dir: offlineDir, reason, baseUrl }
    }
    const { reason, status } = uploaded
    return {
      kind: 'fallback',
      dir: offlineDir,
      reason,
      baseUrl,
      ...(status === undefined ? {} : { status }),
    }
  }

  private async connect(
    apiKey: string,
    deadline: Deadline,
    cancel: AbortSignal,
  ): Promise<ApiResult<RunConnection>> {
    const { settings } = this.options
    const client = new GraphqlClient(settings.baseUrl, apiKey)
    const entity =
      settings.entity === undefined
        ? await viewerEntity(client, deadline, cancel)
        : { ok: true as const, value: settings.entity }
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
        config: Object.fromEntries(
          Object.entries(this.options.config).map(([key, value]) => [key, { value }]),
        ),
        commit: this.options.git.commit,
        remoteUrl: this.options.git.remoteUrl,
        host: hostname(),
      },
      deadline,
      cancel,
    )
    if (!created.ok) return created
    const path: RunPath = {
      entity: created.value.entity,
      project: created.value.project,
      runId: created.value.runId,
    }
    this.api = { client, path }
    this.url = runUrl(settings, path.entity)
    this.options.announce(`vitest-wandb: logging this session to ${this.url}`)
    return {
      ok: true,
      value: {
        stream: new FileStream(settings.baseUrl, apiKey, path),
        uploadFile: (name, bytes, fileDeadline, fileCancel) =>
          uploadRunFile(client, path, name, bytes, fileDeadline, fileCancel),
      },
    }
  }
}

/** A setting W&B would refuse sent the run offline from the start: one line, with the fix and the upload. */
function warnSavedOffline({ what, fix }: Problem, dir: string): void {
  const shown = displayPath(dir)
  warn(
    problemLine(
      { what, fix: `${fix}, then upload the run with \`npx vitest-wandb sync ${shown}\`` },
      `the run is saved offline to ${shown}`,
    ),
  )
}

/** Where a local copy of an online run (`run-…`) goes when it falls back to an offline run. */
function fallbackDir(dir: string): string {
  return join(dirname(dir), basename(dir).replace(/^run-/, 'offline-run-'))
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
