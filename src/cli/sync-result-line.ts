import { countLabel, formatCount } from '../count-label.js'
import { endedCleanly, endingProblem } from '../wandb/sync/run-ending.js'
import type { RunEnding } from '../wandb/sync/run-ending.js'
import type { SyncResult } from '../wandb/sync/sync-offline-run.js'
import { PROGRESS_FILE } from '../wandb/sender/send-progress.js'

/** The line that closes one run's sync: on stdout when all is well, else on stderr. */
export interface ResultLine {
  readonly ok: boolean
  readonly line: string
}

export function syncResultLine(dir: string, result: SyncResult): ResultLine {
  switch (result.kind) {
    case 'already-synced':
      return { ok: true, line: `vitest-wandb: skipped ${dir}: it was synced before.` }
    case 'already-sent':
      return {
        ok: false,
        line: `vitest-wandb: skipped ${dir}: all that could be read of it was sent to ${result.url} before (${countLabel(result.rows, 'row')}), but ${endingProblem(result.ending)}; ${wandbState(result.ending)}.`,
      }
    case 'synced':
      return sentLine(dir, result)
    case 'failed':
      return { ok: false, line: `vitest-wandb: could not sync ${dir}: ${failureText(dir, result)}` }
  }
}

function sentLine(dir: string, result: Extract<SyncResult, { kind: 'synced' }>): ResultLine {
  const resumed =
    result.resumedAtRow > 0 ? `, ${formatCount(result.rows - result.resumedAtRow)} of them now` : ''
  const counts = `${countLabel(result.rows, 'row')}${resumed}, ${countLabel(result.files, 'file')}`
  if (endedCleanly(result.ending))
    return { ok: true, line: `vitest-wandb: synced ${dir} to ${result.url} (${counts}).` }
  return {
    ok: false,
    line: `vitest-wandb: sent ${dir} to ${result.url} (${counts}), but ${endingProblem(result.ending)}; ${wandbState(result.ending)}. It is not marked synced; ${PROGRESS_FILE} in it records what was sent.`,
  }
}

function wandbState({ exitCode }: RunEnding): string {
  return `W&B shows the run as ${exitCode === 0 ? 'finished' : 'failed'} (exit code ${exitCode})`
}

function failureText(dir: string, result: Extract<SyncResult, { kind: 'failed' }>): string {
  if (result.cause === 'key-rejected') {
    return `${result.reason}. Set WANDB_API_KEY to a valid key, or run \`wandb login\`, then sync again.`
  }
  if (result.cause === 'permanent')
    return `${result.reason}. Running the command again will not help until that is fixed.`
  const slow = 'a longer --timeout helps if W&B is slow'
  if (result.rows === 0) return `${result.reason}. Run the command again; ${slow}.`
  return `${result.reason}. W&B has its first ${countLabel(result.rows, 'row')}, as ${dir}/${PROGRESS_FILE} records. Run the command again to send the rest; ${slow}.`
}
