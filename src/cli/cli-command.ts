export interface CliStreams {
  /** `isTTY`: a terminal, where colour can be used. */
  readonly out: { write(text: string): unknown; readonly isTTY?: boolean }
  readonly err: { write(text: string): unknown }
}

export type Environment = Readonly<Record<string, string | undefined>>

/** A `vitest-wandb <name>` subcommand: its line in the command list, its help, and its work. */
export interface CliCommand {
  readonly name: string
  /** `sync <dir>...`: how the command list shows it. */
  readonly synopsis: string
  readonly summary: string
  /** The whole `--help` text, starting with its usage line. */
  readonly help: string
  /** Runs with the arguments after the name (help flags already handled); returns the exit code. */
  run(args: readonly string[], streams: CliStreams, env: Environment): Promise<number>
}

/** Wrong usage: the problem and the usage it breaks on stderr; exit code 2. */
export function usageError(
  streams: CliStreams,
  prefix: string,
  problem: string,
  usage: string,
): number {
  streams.err.write(`${prefix}: ${problem}\n\n${usage}`)
  return 2
}
