import { existsSync, writeFileSync } from 'node:fs'
import { countLabel, formatCount } from '../../count-label.js'
import type { RunPath } from '../file-stream.js'
import type { ApiFailure } from '../graphql-client.js'
import { RunSender } from '../sender/run-sender.js'
import type { RecordSource } from '../sender/run-sender.js'
import { ProgressRecord, readSyncProgress, sameTarget } from '../sender/send-progress.js'
import type { SyncProgress } from '../sender/send-progress.js'
import { waitWithNotice } from '../sender/wait-with-notice.js'
import { wandbTransport } from '../sender/wandb-transport.js'
import { runUrl } from '../settings.js'
import type { WandbSettings } from '../settings.js'
import { readOfflineRun } from './read-offline-run.js'
import type { OfflineRun } from './read-offline-run.js'
import { endedCleanly, endingLines, runEnding } from './run-ending.js'
import type { RunEnding } from './run-ending.js'
import { syncFailureCause } from './sync-failure-cause.js'
import type { SyncFailureCause } from './sync-failure-cause.js'

export type SyncTarget = Pick<WandbSettings, 'apiKey' | 'baseUrl' | 'appUrl' | 'entity'>

export interface SyncOptions {
  /** The longest any one step may wait on W&B. */
  readonly timeoutMs: number
  /** Progress: the run being sent, and waits on W&B that last. */
  readonly say: (line: string) => void
  /** Data that cannot be sent, a run that did not end cleanly. */
  readonly warn: (line: string) => void
}

/** `rows`: the run's history rows W&B has (all it was sent, over every attempt). */
export type SyncResult =
  | {
      readonly kind: 'synced'
      readonly url: string
      readonly rows: number
      readonly files: number
      /** Rows W&B had from an earlier attempt, not sent again. */
      readonly resumedAtRow: number
      readonly ending: RunEnding
    }
  | { readonly kind: 'already-synced' }
  | {
      readonly kind: 'already-sent'
      readonly url: string
      readonly rows: number
      readonly ending: RunEnding
    }
  | {
      readonly kind: 'failed'
      readonly reason: string
      readonly cause: SyncFailureCause
      readonly rows: number
    }

const NO_KEY = 'no W&B API key: set WANDB_API_KEY or run `wandb login`'

/**
 * Uploads an offline run with this package's own client, as `wandb sync` would: the run, its
 * artifacts, history, files, summary and exit code, each step recorded in the folder as W&B
 * confirms it, so a second attempt goes on where the first stopped. A run sent whole that ended
 * by itself is marked `run-<id>.wandb.synced` and left alone afterwards.
 */
export async function syncOfflineRun(
  dir: string,
  target: SyncTarget,
  options: SyncOptions,
): Promise<SyncResult> {
  const read = readOfflineRun(dir)
  if (!read.ok) return failed(read, 0, 'permanent')
  const offline = read.value
  if (existsSync(`${offline.logPath}.synced`)) return { kind: 'already-synced' }
  const ending = runEnding(offline)
  const previous = readSyncProgress(dir)
  if (previous?.endedAtLogBytes === offline.logBytes && previous.baseUrl === target.baseUrl) {
    return { kind: 'already-sent', url: urlOf(target, previous.run), rows: previous.rows, ending }
  }
  if (target.apiKey === undefined) return failed({ reason: NO_KEY }, 0, 'permanent')
  for (const line of endingLines(offline, ending)) options.warn(line)
  return sendRun(offline, ending, previous, { ...target, apiKey: target.apiKey }, options)
}

async function sendRun(
  offline: OfflineRun,
  ending: RunEnding,
  previous: SyncProgress | undefined,
  target: SyncTarget & { apiKey: string },
  options: SyncOptions,
): Promise<SyncResult> {
  const { baseUrl } = target
  let url = ''
  let start: SyncProgress | undefined
  let progress: ProgressRecord | undefined
  const sender = new RunSender(recordsOf(offline), wandbTransport(target), {
    dir: offline.dir,
    timeoutMs: options.timeoutMs,
    wait: waitWithNotice(options.say),
    say: options.say,
    progressFor: (run) => {
      start = startingPoint(previous, baseUrl, run)
      url = urlOf(target, run)
      options.say(startLine(offline, url, start.rows))
      progress = new ProgressRecord(offline.dir, start)
      return progress
    },
  })
  const sent = await sender.finish(ending.exitCode)
  if (!sent.ok || progress === undefined || start === undefined) {
    return failed(sent.ok ? { reason: 'the run was never created' } : sent, sender.sent?.rows ?? 0)
  }
  if (endedCleanly(ending)) writeFileSync(`${offline.logPath}.synced`, '')
  else progress.advance({ endedAtLogBytes: offline.logBytes })
  const { rows, files } = progress.current
  return { kind: 'synced', url, rows, files, resumedAtRow: start.rows, ending }
}

/** The records of a finished log, all at the first read. */
function recordsOf(offline: OfflineRun): RecordSource {
  let read = false
  return {
    read: () => {
      const records = read ? [] : offline.records
      read = true
      return { ok: true, value: records }
    },
  }
}

/** Where this attempt starts: after what an earlier one recorded for the same run, else at the beginning. */
function startingPoint(
  previous: SyncProgress | undefined,
  baseUrl: string,
  run: RunPath,
): SyncProgress {
  if (previous !== undefined && sameTarget(previous, baseUrl, run))
    return { ...previous, endedAtLogBytes: undefined }
  return { baseUrl, run, artifacts: 0, rows: 0, files: 0 }
}

/** The run files the log names, in order. */
function runFileNames(offline: OfflineRun): string[] {
  return offline.records.flatMap((r) =>
    r.kind === 'files' ? r.files.files.map((file) => file.path ?? '') : [],
  )
}

function startLine(offline: OfflineRun, url: string, resumedAtRow: number): string {
  const rows = offline.records.filter((record) => record.kind === 'history').length
  const files = runFileNames(offline).length
  const resuming =
    resumedAtRow > 0 ? `; W&B has the first ${formatCount(resumedAtRow)} from before` : ''
  const counts = `${countLabel(rows, 'row')}, ${countLabel(files, 'file')}`
  return `vitest-wandb: syncing ${offline.dir} to ${url} (${counts}${resuming}).`
}

function urlOf(target: SyncTarget, run: RunPath): string {
  return runUrl({ appUrl: target.appUrl, project: run.project, runId: run.runId }, run.entity)
}

function failed(
  failure: Omit<ApiFailure, 'ok'>,
  rows: number,
  cause: SyncFailureCause = syncFailureCause(failure),
): SyncResult {
  return { kind: 'failed', reason: failure.reason, cause, rows }
}
