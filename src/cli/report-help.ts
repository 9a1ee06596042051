import { SESSION_SOURCES } from './session-sources-help.js'
import { commandUsage } from './usage.js'
import { DEFAULT_REPORT_FILE } from '../report/write-session-report.js'

const USAGE_LINE = 'Usage: vitest-wandb report [options] [<session>]'

const OPTIONS = `Options:
  --compare <base>   Compare with another session: the tests that changed, each
                     test's score and token changes, and its span structure
                     beside the baseline's, spans added and removed marked.
  --out <file>       The HTML file to write (default ${DEFAULT_REPORT_FILE}).
  --project <name>   The W&B project branch:<name> looks in (default
                     WANDB_PROJECT); --entity <name> its entity (default
                     WANDB_ENTITY, else the API key's).
  -h, --help         Show this help.`

/** What a usage error shows: how to call the command, and where the rest is. */
export const REPORT_USAGE = commandUsage('report', USAGE_LINE, OPTIONS)

export const REPORT_HELP = `${USAGE_LINE}

Writes one self-contained HTML file that shows a test session: its totals and
score means; every test, to filter by outcome or text and sort by duration,
tokens or a score; and each test's trace tree, with span kinds, errors, token
counts, durations on a shared time axis, and each span's inputs and outputs.
The file has its styles, script and data inline and makes no network request:
open it from disk, or keep it as a CI artifact. Prints the path written.

<session> and <base> are each one of (default <session>: the newest session of
the project here, in .vitest-wandb/):
${SESSION_SOURCES}

${OPTIONS}

Exit codes:
  0  the report was written
  1  the report could not be written
  2  wrong usage, or an input that is missing or not a session
`
