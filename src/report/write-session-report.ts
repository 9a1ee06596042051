import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { loadSide, sessionFileOf } from '../compare/load-side.js'
import type { RemoteSessions } from '../compare/remote-spec.js'
import type { Result } from '../compare/result.js'
import { fileSystemReason } from '../file-system-reason.js'
import { SESSION_DIR_NAME } from '../session/session-file.js'
import { buildReportData } from './build-report-data.js'
import { PAGE_SCRIPT } from './page-script.js'
import type { ReportData } from './report-data.js'
import { renderReportHtml } from './render-html.js'

/** Where a report goes unless told otherwise, relative to the project. */
export const DEFAULT_REPORT_FILE = join(SESSION_DIR_NAME, 'report.html')

export interface SessionReportOptions {
  /** The session to show: a session file, or any source `vitest-wandb diff` takes. */
  readonly session: string
  /** A session to compare it with, as `vitest-wandb diff` takes it. */
  readonly baseline?: string
  /** The HTML file to write; its folder is made when missing. */
  readonly out: string
  /** Where W&B sources are read from; without it, a W&B source is refused as not found. */
  readonly remote?: RemoteSessions
}

const NO_REMOTE: RemoteSessions = {
  fetch: async () => ({ ok: false, reason: 'W&B sources are not read here' }),
}

/**
 * Writes the HTML report of a session (with its comparison to `baseline`, when given) and gives
 * the path written. Failures are values: `session: …` or `baseline: …` for an input that cannot be
 * read, `could not write …` for the file.
 */
export async function writeSessionReport(options: SessionReportOptions): Promise<Result<string>> {
  const data = await loadReportData(options)
  return data.ok ? writeReport(data.value, options.out) : data
}

/** The report's data: the session's tests and traces, and the baseline's comparison. */
export async function loadReportData(
  options: Pick<SessionReportOptions, 'session' | 'baseline' | 'remote'>,
): Promise<Result<ReportData>> {
  const remote = options.remote ?? NO_REMOTE
  const file = await sessionFileOf(options.session, remote)
  if (!file.ok) return { ok: false, reason: `session: ${file.reason}` }
  let baseline
  if (options.baseline !== undefined) {
    const side = await loadSide(options.baseline, remote)
    if (!side.ok) return { ok: false, reason: `baseline: ${side.reason}` }
    baseline = side.value
  }
  const data = await buildReportData({ file: file.value, source: options.session }, baseline)
  return data.ok ? data : { ok: false, reason: `session: ${data.reason}` }
}

/** Writes the page of `data` to `out`; gives `out`. */
export function writeReport(data: ReportData, out: string): Result<string> {
  try {
    mkdirSync(dirname(out), { recursive: true })
    writeFileSync(out, renderReportHtml(data, PAGE_SCRIPT))
  } catch (error) {
    return { ok: false, reason: `could not write ${out} (${fileSystemReason(error)})` }
  }
  return { ok: true, value: out }
}
