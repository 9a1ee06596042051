import { existsSync } from 'node:fs'
import { SESSION_DIR_NAME } from '../session/session-file.js'
import { DEFAULT_REPORT_FILE, loadReportData, writeReport } from '../report/write-session-report.js'
import { usageError } from './cli-command.js'
import type { CliCommand, CliStreams, Environment } from './cli-command.js'
import type { RemoteSessionsFor } from './diff-command.js'
import { parseReportArgs } from './report-args.js'
import { REPORT_HELP, REPORT_USAGE } from './report-help.js'

/** `vitest-wandb report [<session>]`, reading W&B sources through `remote`. */
export function reportCommand(remote: RemoteSessionsFor): CliCommand {
  return {
    name: 'report',
    synopsis: 'report [<session>]',
    summary: "Write a session's tests and traces as one HTML file.",
    help: REPORT_HELP,
    run: (args, streams, env) => runReport(args, streams, env, remote),
  }
}

async function runReport(
  args: readonly string[],
  streams: CliStreams,
  env: Environment,
  remoteFor: RemoteSessionsFor,
): Promise<number> {
  const parsed = parseReportArgs(args)
  if (!parsed.ok) return usageError(streams, 'vitest-wandb report', parsed.problem, REPORT_USAGE)
  if (parsed.session === undefined && !existsSync(SESSION_DIR_NAME)) {
    streams.err.write(
      `vitest-wandb report: session: no session was named and there is no ${SESSION_DIR_NAME}/ here; run Vitest with the vitest-wandb plugin first, or name a session.\n`,
    )
    return 2
  }
  const data = await loadReportData({
    session: parsed.session ?? SESSION_DIR_NAME,
    ...(parsed.baseline === undefined ? {} : { baseline: parsed.baseline }),
    remote: remoteFor(env, parsed.where),
  })
  if (!data.ok) {
    streams.err.write(`vitest-wandb report: ${data.reason}.\n`)
    return 2
  }
  const written = writeReport(data.value, parsed.out ?? DEFAULT_REPORT_FILE)
  if (!written.ok) {
    streams.err.write(`vitest-wandb report: ${written.reason}.\n`)
    return 1
  }
  streams.out.write(`${written.value}\n`)
  return 0
}
