import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { JsonObject, JsonValue } from '../json.js'
import { encodeRecord } from './offline/record-encoder.js'
import type { ArtifactRecord, FilePolicy, JsonItem, RecordBody } from './offline/records.js'
import { TransactionLogWriter } from './offline/transaction-log-writer.js'

/** What the `run` record says of a run. */
export interface RunDescription {
  readonly runId: string
  readonly entity: string | undefined
  readonly project: string
  readonly config: Readonly<Record<string, JsonValue>>
  readonly group: string | undefined
  readonly jobType: string | undefined
  readonly displayName: string | undefined
  readonly notes: string | undefined
  readonly tags: readonly string[]
  readonly host: string
  readonly startedAtMs: number
  readonly git: { readonly remoteUrl: string | undefined; readonly commit: string | undefined }
}

const MIN_CONSUMER = '0.40.0'

/**
 * Writes a run as W&B's SDK does offline: `<dir>/run-<id>.wandb`, a transaction log of records
 * (header, run first, then history, summary, files, exit, final), each on disk as soon as it is written.
 */
export class OfflineRunWriter {
  private num = 0
  private readonly log: TransactionLogWriter

  private constructor(
    readonly dir: string,
    run: RunDescription,
    producer: string,
  ) {
    mkdirSync(join(dir, 'files'), { recursive: true })
    this.log = TransactionLogWriter.create(join(dir, `run-${run.runId}.wandb`))
    this.append({
      kind: 'header',
      header: { versionInfo: { producer, minConsumer: MIN_CONSUMER } },
    })
    this.append({ kind: 'run', run: runRecord(run) })
  }

  static create(dir: string, run: RunDescription, producer: string): OfflineRunWriter {
    return new OfflineRunWriter(dir, run, producer)
  }

  /** The run's `.wandb` file. */
  get logPath(): string {
    return this.log.path
  }

  /** The folder files of the run go in (uploaded with it). */
  get filesDir(): string {
    return join(this.dir, 'files')
  }

  history(row: JsonObject): void {
    const step = row['_step']
    this.append({
      kind: 'history',
      history: { items: jsonItems(row), step: { num: typeof step === 'number' ? step : 0 } },
    })
  }

  summary(values: JsonObject): void {
    this.append({ kind: 'summary', summary: { update: jsonItems(values) } })
  }

  files(paths: readonly string[], policy: FilePolicy = 'END'): void {
    this.append({ kind: 'files', files: { files: paths.map((path) => ({ path, policy })) } })
  }

  artifact(artifact: ArtifactRecord): void {
    this.append({ kind: 'artifact', artifact })
  }

  /** Ends the run: without an exit record W&B marks a synced run as failed. */
  finish(exitCode: number, runtimeS: number): void {
    this.append({ kind: 'exit', exit: { exitCode, runtime: Math.round(runtimeS) } })
    this.append({ kind: 'final', final: {} })
    this.log.close()
  }

  private append(body: RecordBody): void {
    this.num += 1
    this.log.append(encodeRecord({ num: this.num, ...body }))
  }
}

function jsonItems(values: JsonObject): JsonItem[] {
  return Object.entries(values).map(([key, value]) => ({ key, valueJson: JSON.stringify(value) }))
}

function runRecord(run: RunDescription) {
  return {
    runId: run.runId,
    ...(run.entity === undefined ? {} : { entity: run.entity }),
    project: run.project,
    config: { update: jsonItems(run.config as JsonObject) },
    ...(run.group === undefined ? {} : { runGroup: run.group }),
    ...(run.jobType === undefined ? {} : { jobType: run.jobType }),
    ...(run.displayName === undefined ? {} : { displayName: run.displayName }),
    ...(run.notes === undefined ? {} : { notes: run.notes }),
    tags: [...run.tags],
    host: run.host,
    startTime: {
      seconds: Math.floor(run.startedAtMs / 1000),
      nanos: Math.round((run.startedAtMs % 1000) * 1e6),
    },
    git: {
      ...(run.git.remoteUrl === undefined ? {} : { remoteUrl: run.git.remoteUrl }),
      ...(run.git.commit === undefined ? {} : { commit: run.git.commit }),
    },
  }
}

/** `offline-run-20231114_221320-<id>` (or `run-…` for an online run's local copy), in local time as W&B names them. */
export function runDirName(
  kind: 'offline-run' | 'run',
  startedAtMs: number,
  runId: string,
): string {
  const at = new Date(startedAtMs)
  const two = (value: number): string => String(value).padStart(2, '0')
  const stamp = `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}_${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`
  return `${kind}-${stamp}-${runId}`
}
