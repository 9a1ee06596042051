import { packageVersion } from '../package-version.js'
import { syncCommand } from './sync-command.js'

export interface CliStreams {
  readonly out: { write(text: string): unknown }
  readonly err: { write(text: string): unknown }
}

const USAGE = `Usage: vitest-wandb <command> [options]

Commands:
  sync <run-dir>...    Upload offline runs (wandb/offline-run-…) to W&B; safe to re-run.
  help                 Show this help.

Options:
  -h, --help           Show this help.
  -v, --version        Print the version.
`

/** Runs one CLI invocation; returns the exit code (0 ok, 1 failed, 2 wrong usage). */
export async function runCli(args: readonly string[], streams: CliStreams): Promise<number> {
  const [command] = args
  if (command === undefined || command === 'help' || command === '-h' || command === '--help') {
    streams.out.write(USAGE)
    return 0
  }
  if (command === '-v' || command === '--version') {
    streams.out.write(`${packageVersion()}\n`)
    return 0
  }
  if (command === 'sync') return syncCommand(args.slice(1), streams, process.env)
  streams.err.write(`vitest-wandb: unknown command "${command}".\n\n${USAGE}`)
  return 2
}
