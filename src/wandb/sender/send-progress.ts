import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RunPath } from '../file-stream.js'

/** The file in a run folder that records how far syncing it got. */
export const PROGRESS_FILE = 'vitest-wandb-sync.json'

/**
 * How far a sync of one run folder got, counted from the start of its log. It is written after
 * every step W&B confirmed, so the next sync goes on from there instead of sending rows twice.
 */
export interface SyncProgress {
  /** Where the run went: W&B's API address and the run's path there. */
  readonly baseUrl: string
  readonly run: RunPath
  readonly artifacts: number
  readonly rows: number
  readonly files: number
  /** Set once W&B was told the run ended, when its log did not end cleanly: the log's size then. */
  readonly endedAtLogBytes?: number
}

/** The progress recorded in `dir`; undefined when there is none or it cannot be trusted. */
export function readSyncProgress(dir: string): SyncProgress | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(join(dir, PROGRESS_FILE), 'utf8'))
    return isSyncProgress(value) ? value : undefined
  } catch {
    return undefined
  }
}

/** The progress of a sync under way: each step forward is written to the folder at once. */
export class ProgressRecord {
  constructor(
    private readonly dir: string,
    private state: SyncProgress,
  ) {}

  get current(): SyncProgress {
    return this.state
  }

  advance(change: Partial<Omit<SyncProgress, 'baseUrl' | 'run'>>): void {
    this.state = { ...this.state, ...change }
    writeSyncProgress(this.dir, this.state)
  }
}

/** Replaces the progress file whole (written aside, then renamed), so it is never half written. */
function writeSyncProgress(dir: string, progress: SyncProgress): void {
  const path = join(dir, PROGRESS_FILE)
  writeFileSync(`${path}.tmp`, `${JSON.stringify(progress, null, 2)}\n`)
  renameSync(`${path}.tmp`, path)
}

/** True when `progress` describes the same run at the same W&B, so its counts hold there. */
export function sameTarget(progress: SyncProgress, baseUrl: string, run: RunPath): boolean {
  const { entity, project, runId } = progress.run
  return (
    progress.baseUrl === baseUrl &&
    entity === run.entity &&
    project === run.project &&
    runId === run.runId
  )
}

function isSyncProgress(value: unknown): value is SyncProgress {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  const run = v['run'] as Record<string, unknown> | null | undefined
  const counts = [v['artifacts'], v['rows'], v['files']]
  const ended = v['endedAtLogBytes']
  return (
    typeof v['baseUrl'] === 'string' &&
    ['entity', 'project', 'runId'].every((key) => typeof run?.[key] === 'string') &&
    counts.every((count) => Number.isInteger(count) && (count as number) >= 0) &&
    (ended === undefined || Number.isInteger(ended))
  )
}
