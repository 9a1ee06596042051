import { readTestLine } from '../compare/read-test-line.js'
import type { Result } from '../compare/result.js'
import { forEachSessionLine } from '../compare/session-lines.js'
import type { SessionDigest } from '../compare/session-digest.js'
import { readSessionLine } from '../compare/session-line.js'
import type { SessionHeader } from '../compare/session-line.js'
import { totalsOfTests } from '../compare/session-totals.js'
import type { SessionTotals } from '../compare/session-totals.js'
import { digestTest } from '../compare/test-digest.js'
import type { TestDigest, TestLine } from '../compare/test-digest.js'
import { SESSION_FILE_VERSION } from '../session/session-file.js'
import type { TraceTree } from '../trace/span.js'
import type { DetailBlocks } from './detail-blocks.js'
import { NO_OUTLINE_VIEW, outlineView } from './outline-view.js'
import type { OutlineView } from './outline-view.js'
import type { ReportTest } from './report-data.js'
import { spanRows } from './span-rows.js'
import { testRow } from './test-row.js'

/** Characters of a test's error kept in its detail. */
export const MAX_ERROR_CHARS = 20_000

/** A session read for its report: its rows in the order recorded, details packed into `blocks`. */
export interface ReportSession {
  readonly digest: SessionDigest
  /** By test id; a test recorded twice is its last record, in the place of its first. */
  readonly rows: ReadonlyMap<string, ReportTest>
}

interface Reading {
  header: SessionHeader | undefined
  totals: SessionTotals | undefined
  duplicates: number
  readonly rows: Map<string, ReportTest>
  readonly digests: Map<string, TestDigest>
}

/**
 * Streams a session file into test rows and details, a line at a time. With a `baseline`, each
 * test's detail holds its span outline beside the baseline's where they differ.
 */
export async function readReportSession(
  file: string,
  source: string,
  blocks: DetailBlocks,
  baseline?: SessionDigest,
): Promise<Result<ReportSession>> {
  const reading: Reading = {
    header: undefined,
    totals: undefined,
    duplicates: 0,
    rows: new Map(),
    digests: new Map(),
  }
  const into = { blocks, baseline }
  const read = await forEachSessionLine(file, (text, number) =>
    readLine(reading, text, number, into),
  )
  if (!read.ok) return read
  const { header, rows, digests, totals, duplicates } = reading
  if (header === undefined) return { ok: false, reason: `${file} is empty: not a session file` }
  const complete = totals !== undefined
  const tests = digests
  const digest = { source, file, header, tests, totals: totals ?? totalsOfTests(tests.values()) }
  return { ok: true, value: { digest: { ...digest, complete, duplicates }, rows } }
}

interface Into {
  readonly blocks: DetailBlocks
  readonly baseline: SessionDigest | undefined
}

function readLine(reading: Reading, text: string, number: number, into: Into): string | undefined {
  const fields = parsed(text)
  if (reading.header !== undefined && isTestLine(fields)) {
    const test = readTestLine(fields)
    if (!test.ok) return `line ${number} ${test.reason}`
    const added = addTest(reading, test.value, fields['judgeTraces'], into)
    return added ? undefined : `line ${number} holds traces that are not span trees`
  }
  const line = readSessionLine(text)
  if (reading.header === undefined) {
    if (!line.ok) return `is not a session file: line ${number} ${line.reason}`
    if (line.value.kind !== 'session')
      return `is not a session file: line ${number} is not a session header`
  }
  if (!line.ok) return `line ${number} ${line.reason}`
  if (line.value.kind === 'session') {
    if (reading.header !== undefined)
      return `line ${number} starts a second session: report on session files one at a time`
    if (line.value.version > SESSION_FILE_VERSION)
      return `is a version ${line.value.version} session file, newer than this vitest-wandb reads (version ${SESSION_FILE_VERSION}); update vitest-wandb`
    reading.header = line.value.header
  } else if (line.value.kind === 'summary') reading.totals = line.value.totals
  return undefined
}

/** Takes one test into `reading`; false when its traces are not span trees. */
function addTest(reading: Reading, test: TestLine, judgeTraces: unknown, into: Into): boolean {
  let digest: TestDigest
  let row: ReportTest
  try {
    digest = digestTest(test)
    const judges = Array.isArray(judgeTraces) ? (judgeTraces as TraceTree[]) : []
    const place = into.blocks.add({
      error: test.error === null ? null : test.error.slice(0, MAX_ERROR_CHARS),
      spans: spanRows(test.traces, judges),
      ...outlineAgainst(into.baseline, digest),
    })
    row = testRow(test, place)
  } catch {
    return false
  }
  if (reading.digests.has(digest.id)) reading.duplicates += 1
  reading.digests.set(digest.id, digest)
  reading.rows.set(digest.id, row)
  return true
}

/** Without a baseline, none; for a test the baseline lacks, every line added. */
function outlineAgainst(baseline: SessionDigest | undefined, head: TestDigest): OutlineView {
  if (baseline === undefined) return NO_OUTLINE_VIEW
  const base = baseline.tests.get(head.id)
  if (base === undefined) return outlineView('', head.outline)
  if (base.state === 'skipped' || head.state === 'skipped') return NO_OUTLINE_VIEW
  return outlineView(base.outline, head.outline)
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function isTestLine(fields: unknown): fields is Readonly<Record<string, unknown>> {
  return (
    typeof fields === 'object' && fields !== null && (fields as { kind?: unknown }).kind === 'test'
  )
}
