import { commandUsage } from './usage.js'
import { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from '../wandb/settings.js'
import { PROGRESS_FILE } from '../wandb/sender/send-progress.js'

const USAGE_LINE = 'Usage: vitest-wandb sync [options] <dir>...'

const OPTIONS = `Options:
  --timeout <ms>  The longest to wait on W&B for any one step (default ${DEFAULT_TIMEOUT_MS}).
  -h, --help      Show this help.`

/** What a usage error shows: how to call the command, and where the rest is. */
export const SYNC_USAGE = commandUsage('sync', USAGE_LINE, OPTIONS)

export const SYNC_HELP = `${USAGE_LINE}

Uploads offline runs to W&B as \`wandb sync\` does, without Python. Each <dir> is an
offline run folder (wandb/offline-run-…) or a wandb/ folder, whose offline runs are
synced one after the other; runs synced before are skipped.

${OPTIONS}

What a run folder records:
  run-<id>.wandb.synced   The run was sent whole and had ended by itself; later
                          syncs skip it.
  ${PROGRESS_FILE}  What W&B confirmed so far (artifacts, rows, files). A sync
                          that stopped part way goes on from there: no row is
                          sent twice.

Runs that did not end cleanly:
  A log without an exit record (its process was killed) is sent as a failed run,
  with exit code 1, as W&B's own sync does. A log with a damaged or cut end is sent
  up to its last good record, the bytes after it are reported as lost, and the run
  is marked failed unless its exit record was read. Neither is marked .synced:
  ${PROGRESS_FILE} notes that all that could be read was sent, so a later
  sync sends nothing more (unless the log has grown) and reports the run again.

Environment:
  WANDB_API_KEY   The API key (else the one \`wandb login\` saved in ~/.netrc).
  WANDB_BASE_URL  W&B's address (default ${DEFAULT_BASE_URL}).
  WANDB_ENTITY    The entity of runs whose log names none (default: the key's own).

Exit codes:
  0  every run was synced and had ended cleanly, now or before
  1  a run could not be synced, did not end cleanly, or lost data
  2  wrong usage
`
