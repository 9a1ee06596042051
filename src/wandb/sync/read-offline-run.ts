import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { decodeRecord } from '../offline/record-decoder.js'
import type { RunRecord, WandbRecord } from '../offline/records.js'
import { readTransactionLog } from '../offline/transaction-log-reader.js'

/** An offline run folder, read back: its `.wandb` file's records in order. */
export interface OfflineRun {
  readonly dir: string
  readonly logPath: string
  readonly run: RunRecord
  readonly records: readonly WandbRecord[]
  /** The file was cut short (a killed process): the records before the cut are kept. */
  readonly truncated: boolean
}

/** Reads `<dir>/run-<id>.wandb`; errors name the folder and what is wrong with it. */
export function readOfflineRun(dir: string): OfflineRun {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    throw new Error(`${dir} is not a folder that can be read.`)
  }
  const logName = names.find((name) => /^run-.+\.wandb$/.test(name))
  if (logName === undefined)
    throw new Error(`${dir} holds no run-<id>.wandb file: it is not a W&B run folder.`)
  const logPath = join(dir, logName)
  const log = readTransactionLog(readFileSync(logPath))
  const records = log.payloads.map(decodeRecord)
  const run = records.find(
    (record): record is Extract<WandbRecord, { kind: 'run' }> => record.kind === 'run',
  )?.run
  if (run === undefined || run.runId === undefined)
    throw new Error(`${logPath} has no run record: it cannot be synced.`)
  return { dir, logPath, run, records, truncated: log.truncated }
}
