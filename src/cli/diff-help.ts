import { SESSION_SOURCES } from './session-sources-help.js'
import { commandUsage } from './usage.js'
import { DEFAULT_COMPARE_OPTIONS } from '../compare/comparison.js'

const USAGE_LINE = 'Usage: vitest-wandb diff [options] <base> <head>'
const { scoreTolerance, durationNoise } = DEFAULT_COMPARE_OPTIONS

const OPTIONS = `Options:
  --format <format>      text (the default), markdown (for a PR comment or
                         $GITHUB_STEP_SUMMARY) or json (docs/diff-json.md).
  --fail-on-regression   Exit 1 when a test went from passed to failed, or a
                         score's session mean fell by more than the tolerance.
  --score-tolerance <n>  How far a score's session mean may fall before it is
                         a regression (default ${scoreTolerance}).
  --project <name>       The W&B project branch:<name> looks in (default
                         WANDB_PROJECT); --entity <name> its entity (default
                         WANDB_ENTITY, else the API key's).
  -h, --help             Show this help.`

/** What a usage error shows: how to call the command, and where the rest is. */
export const DIFF_USAGE = commandUsage('diff', USAGE_LINE, OPTIONS)

export const DIFF_HELP = `${USAGE_LINE}

Compares two test sessions, <base> then <head>: the tests added or removed, those
that went from passed to failed or back, were skipped or run, or became flaky;
for each test that ran in both, its span structure (a unified diff of its span
outline, as span snapshots show it), LLM calls, tokens, scores and duration; and
each session's totals and score means.

<base> and <head> are each one of:
${SESSION_SOURCES}

${OPTIONS}

Tests are matched by id (<file> > <full name>): a renamed test shows as removed
and added. A duration counts as changed when one side took over ${1 + durationNoise.ratio} times as
long as the other, and over ${durationNoise.minMs} ms more. Colour is used on a terminal only, and
not when NO_COLOR is set.

Exit codes:
  0  the report was printed (with --fail-on-regression: no regression)
  1  --fail-on-regression found a regression
  2  wrong usage, or an input that is missing or not a session
`
