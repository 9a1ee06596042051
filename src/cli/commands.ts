import type { CliCommand } from './cli-command.js'
import { diffCommand } from './diff-command.js'
import { remoteSessionsFor } from './remote-sessions.js'
import { reportCommand } from './report-command.js'
import { syncCommand } from './sync-command.js'

/** Every `vitest-wandb` subcommand, in the order the help lists them. */
export const COMMANDS: readonly CliCommand[] = [
  diffCommand(remoteSessionsFor),
  reportCommand(remoteSessionsFor),
  syncCommand,
]
