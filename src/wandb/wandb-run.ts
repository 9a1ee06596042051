import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { basename, dirname, join } from 'node:path'
import type { JsonObject, JsonValue } from '../json.js'
import { ARTIFACT_COPIES } from './artifacts/artifact-record.js'
import type { ArtifactRecordTarget } from './artifacts/artifact-record.js'
import type { UploadedArtifact } from './artifacts/upload-artifact.js'
import type { RunPath } from './file-stream.js'
import type { GitFacts } from './git-facts.js'
import { GraphqlClient } from './graphql-client.js'
import { Deadline } from './http/deadline.js'
import { OfflineRunWriter, runDirName } from './offline-run-writer.js'
import type { ArtifactRecord } from './offline/records.js'
import { LogTail } from './sender/log-tail.js'
import { RunSender } from './sender/run-sender.js'
import { ProgressRecord } from './sender/send-progress.js'
import { wandbTransport } from './sender/wandb-transport.js'
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

/** An output artifact of a run: logged once per key, as an `artifact` record of the run's log. */
export interface RunArtifact {
  readonly key: string
  /** Copies the artifact's files into `copyDir` and describes them as an `artifact` record. */
  record(into: ArtifactRecordTarget): Promise<ArtifactRecord>
}

/** How an artifact reached the run: sent to W&B, or kept in the run folder for a later sync. */
export type ArtifactOutcome =
  | { readonly kind: 'uploaded'; readonly upload: UploadedArtifact }
  /** `reason`: why its own upload failed, when it was tried. */
  | { readonly kind: 'recorded'; readonly reason: string | undefined }

const FLUSH_INTERVAL_MS = 1_000

/**
 * One W&B run. Every row is written at once to the run's transaction log (`wandb/run-…` online,
 * `wandb/offline-run-…` offline), so nothing is lost; online, a sender reads that log as it grows
 * and sends it to W&B in the background, recording how far it got. If W&B cannot be reached in
 * time, the folder becomes an offline run that `sync` finishes from there.
 */
export class WandbRun {
  private step = 0
  private readonly writer: OfflineRunWriter
  private readonly sender: RunSender | undefined
  private url: string | undefined
  private api: RunApi | undefined
  private resolveCreated!: (api: RunApi | undefined) => void
  private readonly created = new Promise<RunApi | undefined>((resolve) => {
    this.resolveCreated = resolve
  })
  private readonly artifacts = new Map<string, Promise<ArtifactOutcome>>()
  private readonly recording = new Set<Promise<unknown>>()
  private readonly awaitingUpload = new Map<string, (outcome: ArtifactOutcome) => void>()
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
      this.sender = this.startSender(settings.apiKey)
      this.sender.wake()
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
    this.sender?.wake()
  }

  /** Saves a file of the run (under `files/`), to be uploaded with it. */
  saveFile(path: string, bytes: Uint8Array): void {
    writeFileSync(this.filePath(path), bytes)
    this.addFile(path)
  }

  /** Where the run file `path` is written in place, for a file that grows (its folder exists). */
  filePath(path: string): string {
    const target = join(this.writer.filesDir, path)
    mkdirSync(dirname(target), { recursive: true })
    return target
  }

  /** Names a run file written in place as done: it is uploaded with the run. */
  addFile(path: string): void {
    this.writer.files([path], 'NOW')
    this.sender?.wake()
  }

  /**
   * Logs an output artifact once per key: its files are copied into the run folder and recorded
   * in the log; online, the sender uploads it from there. Offline, or when the upload fails, it
   * stays recorded for a later sync.
   */
  artifact(artifact: RunArtifact): Promise<ArtifactOutcome> {
    if (this.finishing) return Promise.reject(new Error('the run has already finished'))
    const logged = this.artifacts.get(artifact.key) ?? this.logArtifact(artifact)
    this.artifacts.set(artifact.key, logged)
    return logged
  }

  /** The run on W&B once it exists; undefined offline or when it could not be created. */
  whenCreated(): Promise<RunApi | undefined> {
    return this.created
  }

  private async logArtifact(artifact: RunArtifact): Promise<ArtifactOutcome> {
    const recorded = this.recordArtifact(artifact)
    this.recording.add(recorded)
    const clientId = await recorded
    if (clientId === undefined) return { kind: 'recorded', reason: undefined }
    return new Promise((resolve) => this.awaitingUpload.set(clientId, resolve))
  }

  /** Writes the artifact's record; the id the sender will report its upload by, when it will be sent. */
  private async recordArtifact(artifact: RunArtifact): Promise<string | undefined> {
    const { runId, project, entity } = this.options.settings
    const record = await artifact.record({
      copyDir: this.dir,
      finalDir: this.sender === undefined ? this.dir : fallbackDir(this.dir),
      runId,
      project,
      entity: this.api?.path.entity ?? entity,
    })
    const clientId = record.clientId ?? artifact.key
    this.writer.artifact({ ...record, clientId })
    if (this.sender === undefined || this.sender.failed !== undefined) return undefined
    this.sender.wake()
    return clientId
  }

  /** Writes the summary and ends the run, then waits for the sender to send the rest, or else leaves an offline run. */
  async finish(summary: JsonObject, exitCode: number): Promise<RunOutcome> {
    this.finishing = true
    await Promise.allSettled(this.recording)
    const runtimeS = (Date.now() - this.options.startedAtMs) / 1000
    this.writer.summary({ ...summary, _runtime: runtimeS })
    this.writer.finish(exitCode, runtimeS)
    if (this.sender === undefined) return { kind: 'offline', dir: this.dir }
    const sent = await withSlowWaitNotice(this.sender.finish(exitCode), {
      what: 'finish the run',
      deadline: new Deadline(this.options.timeoutMs),
      announce: this.options.announce,
    })
    if (sent.ok && this.url !== undefined) {
      writeFileSync(join(this.dir, `run-${this.options.settings.runId}.wandb.synced`), '')
      // W&B has every artifact: the copies kept for a later sync are not needed.
      rmSync(join(this.dir, ARTIFACT_COPIES), { recursive: true, force: true })
      return { kind: 'online', url: this.url, dir: this.dir }
    }
    const offlineDir = fallbackDir(this.dir)
    renameSync(this.dir, offlineDir)
    const { baseUrl } = this.options.settings
    if (sent.ok)
      return { kind: 'fallback', dir: offlineDir, reason: 'the run was never created', baseUrl }
    const { reason, status } = sent
    return {
      kind: 'fallback',
      dir: offlineDir,
      reason,
      baseUrl,
      ...(status === undefined ? {} : { status }),
    }
  }

  private startSender(apiKey: string): RunSender {
    const { settings, timeoutMs, announce } = this.options
    const { baseUrl } = settings
    const transport = wandbTransport({ baseUrl, apiKey, entity: settings.entity })
    return new RunSender(new LogTail(this.writer.logPath), transport, {
      dir: this.dir,
      timeoutMs,
      wait: (_what, budgetMs, step) => step(new Deadline(budgetMs)),
      flushIntervalMs: FLUSH_INTERVAL_MS,
      say: announce,
      progressFor: (run) =>
        new ProgressRecord(this.dir, { baseUrl, run, artifacts: 0, rows: 0, files: 0 }),
      listener: {
        created: (path) => {
          this.api = { client: new GraphqlClient(baseUrl, apiKey), path }
          this.url = runUrl(settings, path.entity)
          announce(`vitest-wandb: logging this session to ${this.url}`)
          this.resolveCreated(this.api)
        },
        artifactSent: (record, sent) =>
          this.settleUpload(
            record.clientId,
            sent.ok
              ? { kind: 'uploaded', upload: sent.value }
              : { kind: 'recorded', reason: sent.reason },
          ),
        failed: () => {
          this.resolveCreated(undefined)
          for (const clientId of [...this.awaitingUpload.keys()]) {
            this.settleUpload(clientId, { kind: 'recorded', reason: undefined })
          }
        },
      },
    })
  }

  private settleUpload(clientId: string | undefined, outcome: ArtifactOutcome): void {
    if (clientId === undefined) return
    this.awaitingUpload.get(clientId)?.(outcome)
    this.awaitingUpload.delete(clientId)
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
