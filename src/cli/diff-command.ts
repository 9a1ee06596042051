import { compareSessions } from '../compare/compare-sessions.js'
import type { SessionComparison } from '../compare/comparison.js'
import { DEFAULT_COMPARE_OPTIONS } from '../compare/comparison.js'
import { formatJson } from '../compare/diff-json.js'
import { formatMarkdown } from '../compare/format-markdown.js'
import { formatText } from '../compare/format-text.js'
import { loadSide } from '../compare/load-side.js'
import type { RemoteSessions } from '../compare/remote-spec.js'
import { countLabel } from '../count-label.js'
import { usageError } from './cli-command.js'
import type { CliCommand, CliStreams, Environment } from './cli-command.js'
import { parseDiffArgs } from './diff-args.js'
import type { DiffFormat, WandbPlace } from './diff-args.js'
import { DIFF_HELP, DIFF_USAGE } from './diff-help.js'

/** Where W&B sources come from, for the environment and the place the command was given. */
export type RemoteSessionsFor = (env: Environment, where: WandbPlace) => RemoteSessions

/** `vitest-wandb diff <base> <head>`, reading W&B sources through `remote`. */
export function diffCommand(remote: RemoteSessionsFor): CliCommand {
  return {
    name: 'diff',
    synopsis: 'diff <base> <head>',
    summary: 'Compare two test sessions: outcomes, span structure, tokens, scores.',
    help: DIFF_HELP,
    run: (args, streams, env) => runDiff(args, streams, env, remote),
  }
}

async function runDiff(
  args: readonly string[],
  streams: CliStreams,
  env: Environment,
  remoteFor: RemoteSessionsFor,
): Promise<number> {
  const parsed = parseDiffArgs(args)
  if (!parsed.ok) return usageError(streams, 'vitest-wandb diff', parsed.problem, DIFF_USAGE)
  const remote = remoteFor(env, parsed.where)
  const base = await loadSide(parsed.base, remote)
  if (!base.ok) return inputError(streams, 'base', base.reason)
  const head = await loadSide(parsed.head, remote)
  if (!head.ok) return inputError(streams, 'head', head.reason)
  const options = { ...DEFAULT_COMPARE_OPTIONS, scoreTolerance: parsed.scoreTolerance }
  const comparison = compareSessions(base.value, head.value, options)
  const color = streams.out.isTTY === true && (env['NO_COLOR'] ?? '') === ''
  streams.out.write(render(comparison, parsed.format, color))
  const { regressions } = comparison
  if (!parsed.failOnRegression || regressions.length === 0) return 0
  streams.err.write(
    `vitest-wandb diff: ${countLabel(regressions.length, 'regression')} found; exit code 1 (--fail-on-regression).\n`,
  )
  return 1
}

function render(comparison: SessionComparison, format: DiffFormat, color: boolean): string {
  if (format === 'json') return formatJson(comparison)
  if (format === 'markdown') return formatMarkdown(comparison)
  return formatText(comparison, { color })
}

/** A missing or unreadable input: one line naming it and why; exit code 2. */
function inputError(streams: CliStreams, role: 'base' | 'head', reason: string): number {
  streams.err.write(`vitest-wandb diff: ${role}: ${reason}.\n`)
  return 2
}
