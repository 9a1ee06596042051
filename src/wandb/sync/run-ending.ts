import { countLabel } from '../../count-label.js'
import type { LogLoss } from '../offline/salvage-transaction-log.js'
import type { OfflineRun } from './read-offline-run.js'

/** How a run's log ends: what W&B is told, and whether the folder may be marked synced. */
export interface RunEnding {
  /** The run's own exit code, or 1 when its log has no exit record, as W&B's own sync sends. */
  readonly exitCode: number
  /** The log has no exit record: the run's process stopped before the run ended. */
  readonly interrupted: boolean
  readonly loss: LogLoss | undefined
}

export function runEnding(offline: OfflineRun): RunEnding {
  const interrupted = offline.exit === undefined
  return { exitCode: offline.exit?.exitCode ?? 1, interrupted, loss: offline.loss }
}

/** A run sent whole, that ended by itself: the only kind marked `.synced`. */
export function endedCleanly(ending: RunEnding): boolean {
  return !ending.interrupted && ending.loss === undefined
}

/** What is wrong with the log's end, as a clause: `its log is damaged and has no exit record`. */
export function endingProblem(ending: RunEnding): string {
  if (ending.loss && ending.interrupted) return 'its log is damaged and has no exit record'
  return ending.loss ? 'its log is damaged' : 'its log has no exit record'
}

/** The lines said, before sending, about a log that did not end cleanly. */
export function endingLines(offline: OfflineRun, ending: RunEnding): string[] {
  const lines: string[] = []
  if (ending.loss) lines.push(lossLine(offline, ending.loss))
  if (ending.interrupted) {
    lines.push(
      `vitest-wandb: ${offline.dir} has no exit record: its run stopped before it ended (a killed or crashed process). It is sent as a failed run, with exit code 1, as W&B's own sync does.`,
    )
  }
  return lines
}

function lossLine(offline: OfflineRun, loss: LogLoss): string {
  const rows = offline.records.filter((record) => record.kind === 'history').length
  return (
    `vitest-wandb: ${offline.logPath} is damaged: ${loss.problem}. ` +
    `Its last ${countLabel(loss.lostBytes, 'byte')} (${lostRecords(loss)}) cannot be sent; ` +
    `what comes before them is sent (${countLabel(rows, 'row')}).`
  )
}

function lostRecords(loss: LogLoss): string {
  if (loss.kind === 'cut') return loss.fromByte === 0 ? 'no whole record' : 'one record cut short'
  if (loss.recordsAfter === 0) return 'the damaged record'
  return `the damaged record and ${countLabel(loss.recordsAfter, 'whole record')} after it`
}
