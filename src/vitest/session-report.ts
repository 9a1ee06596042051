import { existsSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import type { Baseline } from '../baseline/find-baseline.js'
import { displayPath } from '../display-path.js'
import { DEFAULT_REPORT_FILE, writeSessionReport } from '../report/index.js'
import { warn } from '../warnings.js'

/**
 * Writes the HTML report of the session just written (`headFile`), compared with `baseline` when
 * there is one; the line naming it, or a warning (never a throw) when it could not be written.
 */
export async function writeReportOfSession(
  report: true | string,
  root: string,
  headFile: string,
  baseline: Baseline | undefined,
): Promise<string[]> {
  const out =
    report === true
      ? join(root, DEFAULT_REPORT_FILE)
      : isAbsolute(report)
        ? report
        : join(root, report)
  const written = await writeSessionReport({
    session: headFile,
    out,
    ...(baseline === undefined
      ? {}
      : {
          baseline: existsSync(baseline.source) ? displayPath(baseline.source) : baseline.source,
          remote: baseline.remote,
        }),
  })
  if (written.ok) return [`  report: ${displayPath(written.value)}`]
  warn(`could not write the session's report (${written.reason}).`)
  return []
}
