import { packageVersion } from '../package-version.js'
import { usageError } from './cli-command.js'
import type { CliStreams, Environment } from './cli-command.js'
import { COMMANDS } from './commands.js'
import { usage } from './usage.js'

const HELP_FLAGS = new Set(['-h', '--help'])

/** Runs one CLI invocation; returns the exit code (0 ok, 1 failed, 2 wrong usage). */
export async function runCli(
  args: readonly string[],
  streams: CliStreams,
  env: Environment = process.env,
): Promise<number> {
  const [first, ...rest] = args
  const top = usage(COMMANDS)
  if (first === undefined || HELP_FLAGS.has(first)) return print(streams, top)
  if (first === '-v' || first === '--version') return print(streams, `${packageVersion()}\n`)
  if (first === 'help') return helpFor(rest[0], streams, top)
  const command = COMMANDS.find((candidate) => candidate.name === first)
  if (command !== undefined) {
    if (asksForHelp(rest)) return print(streams, command.help)
    return command.run(rest, streams, env)
  }
  const problem = first.startsWith('-')
    ? `unknown option "${first}".`
    : `unknown command "${first}".`
  return usageError(streams, 'vitest-wandb', problem, top)
}

function helpFor(name: string | undefined, streams: CliStreams, top: string): number {
  if (name === undefined) return print(streams, top)
  const command = COMMANDS.find((candidate) => candidate.name === name)
  if (command !== undefined) return print(streams, command.help)
  return usageError(streams, 'vitest-wandb', `there is no command "${name}" to help with.`, top)
}

/** `-h` or `--help` among a command's arguments, before any `--` that ends its options. */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--')
  return (end === -1 ? args : args.slice(0, end)).some((arg) => HELP_FLAGS.has(arg))
}

function print(streams: CliStreams, text: string): number {
  streams.out.write(text)
  return 0
}
