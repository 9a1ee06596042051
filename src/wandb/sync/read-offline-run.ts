import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ApiResult } from '../graphql-client.js'
import { decodeRecord } from '../offline/record-decoder.js'
import type { RunExitRecord, RunRecord, WandbRecord } from '../offline/records.js'
import { salvageTransactionLog } from '../offline/salvage-transaction-log.js'
import type { LogLoss } from '../offline/salvage-transaction-log.js'

/** An offline run folder, read back: its `.wandb` file's records in order, up to any damage. */
export interface OfflineRun {
  readonly dir: string
  readonly logPath: string
  /** The log's size when read: a later sync compares it to see whether the run went on. */
  readonly logBytes: number
  readonly run: RunRecord
  readonly records: readonly WandbRecord[]
  /** What a damaged or cut log lost after its last good record. */
  readonly loss: LogLoss | undefined
  /** Absent when the run's process stopped before the run ended. */
  readonly exit: RunExitRecord | undefined
}

/** Reads `<dir>/run-<id>.wandb`; a failure names the folder and what is wrong with it. */
export function readOfflineRun(dir: string): ApiResult<OfflineRun> {
  const logName = runLogName(dir)
  if (!logName.ok) return logName
  const logPath = join(dir, logName.value)
  const read = readRecords(logPath)
  if (!read.ok) return read
  const { records, loss, logBytes } = read.value
  const run = records.find((record) => record.kind === 'run')?.run
  if (run === undefined || run.runId === undefined)
    return { ok: false, reason: `${logPath} has no run record: it cannot be synced` }
  const exit = records.find((record) => record.kind === 'exit')?.exit
  return { ok: true, value: { dir, logPath, logBytes, run, records, loss, exit } }
}

/** The `run-<id>.wandb` file in `dir`. */
export function runLogName(dir: string): ApiResult<string> {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return { ok: false, reason: `${dir} is not a folder that can be read` }
  }
  const logName = names.find(isRunLogName)
  return logName === undefined
    ? { ok: false, reason: `${dir} holds no run-<id>.wandb file: it is not a W&B run folder` }
    : { ok: true, value: logName }
}

/** `run-<id>.wandb`: the name of a run's log in its folder. */
export function isRunLogName(name: string): boolean {
  return /^run-.+\.wandb$/.test(name)
}

function readRecords(
  logPath: string,
): ApiResult<{ records: WandbRecord[]; loss: LogLoss | undefined; logBytes: number }> {
  try {
    const bytes = readFileSync(logPath)
    const { payloads, loss } = salvageTransactionLog(bytes)
    return {
      ok: true,
      value: { records: payloads.map(decodeRecord), loss, logBytes: bytes.length },
    }
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error)
    return { ok: false, reason: `${logPath} cannot be read as a W&B run log (${problem})` }
  }
}
