import type { CliCommand } from './cli-command.js'

/** The top-level help: each command on a line, then the options every invocation takes. */
export function usage(commands: readonly CliCommand[]): string {
  const rows = [
    ...commands.map((command) => [command.synopsis, command.summary] as const),
    ['help [command]', "Show this help, or a command's."] as const,
  ]
  const width = Math.max(...rows.map(([synopsis]) => synopsis.length)) + 2
  return `Usage: vitest-wandb <command> [options]

Commands:
${rows.map(([synopsis, summary]) => `  ${synopsis.padEnd(width)}${summary}`).join('\n')}

Options:
  -h, --help      Show this help; \`vitest-wandb <command> --help\` shows a command's.
  -v, --version   Print the version.
`
}

/** What a usage error of `command` shows: how to call it, its options, and where the rest is. */
export function commandUsage(command: string, usageLine: string, options: string): string {
  return `${usageLine}

${options}

Run \`vitest-wandb ${command} --help\` for more.
`
}
