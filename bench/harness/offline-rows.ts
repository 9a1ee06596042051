import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { decodeRecord } from '../../src/wandb/offline/record-decoder.js'
import { readTransactionLog } from '../../src/wandb/offline/transaction-log-reader.js'

/** History rows of every offline run a suite left under its `wandb/` folder. */
export function offlineHistoryRows(suiteDir: string): number {
  const wandbDir = join(suiteDir, 'wandb')
  let rows = 0
  for (const run of readdirSync(wandbDir).filter((name) => name.startsWith('offline-run-'))) {
    const log = readdirSync(join(wandbDir, run)).find((name) => name.endsWith('.wandb'))
    if (log === undefined) continue
    const { payloads } = readTransactionLog(readFileSync(join(wandbDir, run, log)))
    rows += payloads.filter((payload) => decodeRecord(payload).kind === 'history').length
  }
  return rows
}
