import { existsSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { compareSessions } from '../compare/compare-sessions.js'
import { compareTest } from '../compare/compare-test.js'
import { DEFAULT_COMPARE_OPTIONS } from '../compare/comparison.js'
import type { CompareOptions, SessionComparison } from '../compare/comparison.js'
import type { Result } from '../compare/result.js'
import type { SessionDigest } from '../compare/session-digest.js'
import type { TestDigest } from '../compare/test-digest.js'
import { DetailBlocks } from './detail-blocks.js'
import type { DetailPlace } from './detail-blocks.js'
import { outlineView } from './outline-view.js'
import { readReportSession } from './read-report-session.js'
import { REPORT_DATA_VERSION } from './report-data.js'
import type {
  ReportComparisonSummary,
  ReportData,
  ReportSessionFacts,
  ReportTest,
} from './report-data.js'
import { testChange } from './test-change.js'

/** A session to report on: the file read, and how the user named it. */
export interface ReportSource {
  readonly file: string
  readonly source: string
}

/**
 * The data of a session's report, read from its file a test at a time; with a `baseline`, each
 * test's change from it, the tests only the baseline has, and the comparison's totals.
 */
export async function buildReportData(
  session: ReportSource,
  baseline?: SessionDigest,
  options: CompareOptions = DEFAULT_COMPARE_OPTIONS,
): Promise<Result<ReportData>> {
  const blocks = new DetailBlocks()
  const read = await readReportSession(session.file, session.source, blocks, baseline)
  if (!read.ok) return read
  const { digest, rows } = read.value
  let tests = [...rows.values()]
  let comparison: ReportComparisonSummary | null = null
  if (baseline !== undefined) {
    const compared = [...rows].map(([id, row]) => ({
      ...row,
      change: testChange(compareTest(baseline.tests.get(id), digest.tests.get(id), options)),
    }))
    const removed = [...baseline.tests.values()].filter((test) => !rows.has(test.id))
    tests = [...compared, ...removed.map((test) => removedRow(test, blocks, options))]
    comparison = comparisonSummary(compareSessions(baseline, digest, options))
  }
  return {
    ok: true,
    value: {
      version: REPORT_DATA_VERSION,
      session: sessionFacts(digest),
      totals: digest.totals,
      scoreNames: scoreNames(digest, tests),
      tests,
      blocks: blocks.finish(),
      baseline: baseline === undefined ? null : sessionFacts(baseline),
      comparison,
    },
  }
}

/** A test only the baseline has: its row there, and its outline as all removed. */
function removedRow(test: TestDigest, blocks: DetailBlocks, options: CompareOptions): ReportTest {
  const place: DetailPlace = blocks.add({
    error: test.error,
    spans: [],
    ...outlineView(test.outline, ''),
  })
  return {
    name: test.name,
    file: test.file,
    state: test.state,
    durationMs: test.durationMs,
    spans: test.usage.spans,
    llmCalls: test.usage.llmCalls,
    tokens: test.usage.totalTokens,
    flaky: test.flaky,
    retries: test.retries,
    error: test.error,
    scores: test.scores,
    ...place,
    change: testChange(compareTest(test, undefined, options)),
  }
}

function sessionFacts(session: SessionDigest): ReportSessionFacts {
  const { header } = session
  return {
    source: session.source,
    file: folderFile(session.source, session.file),
    id: header.id,
    startedAtMs: header.startedAtMs,
    gitCommit: header.gitCommit,
    gitBranch: header.gitBranch,
    vitestVersion: header.vitestVersion,
    complete: session.complete,
  }
}

/** The file's name when `source` is a local folder holding it; null for a file or a W&B source. */
function folderFile(source: string, file: string): string | null {
  return existsSync(source) && statSync(source).isDirectory() ? basename(file) : null
}

function comparisonSummary({ summary, tests }: SessionComparison): ReportComparisonSummary {
  return {
    tests: summary.tests,
    passed: summary.passed,
    failed: summary.failed,
    skipped: summary.skipped,
    llmCalls: summary.llmCalls,
    totalTokens: summary.tokens.total,
    scores: summary.scores,
    changed: tests.length,
    unchanged: summary.unchanged,
  }
}

/** Every score of the session's totals and of its tests, in the order first seen. */
function scoreNames(session: SessionDigest, tests: readonly ReportTest[]): string[] {
  const names = new Set(Object.keys(session.totals.scores))
  for (const test of tests) for (const name of Object.keys(test.scores)) names.add(name)
  return [...names]
}
