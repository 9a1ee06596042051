import type {
  ChangeKind,
  CompareOptions,
  ComparisonSummary,
  Regression,
  SessionComparison,
  SideFacts,
  TestComparison,
} from './comparison.js'
import { CHANGE_KINDS, DEFAULT_COMPARE_OPTIONS } from './comparison.js'
import { compareTest } from './compare-test.js'
import { delta, maybeDelta, namedDeltas } from './deltas.js'
import type { SessionDigest } from './session-digest.js'
import type { SessionTotals } from './session-totals.js'

// Session means are sums of floats: a fall of exactly the tolerance must not trip over rounding.
const ROUNDING_SLACK = 1e-9

/** Matches the tests of two sessions by id and says what changed from `base` to `head`. */
export function compareSessions(
  base: SessionDigest,
  head: SessionDigest,
  options: CompareOptions = DEFAULT_COMPARE_OPTIONS,
): SessionComparison {
  const changed: TestComparison[] = []
  let unchanged = 0
  for (const id of new Set([...head.tests.keys(), ...base.tests.keys()])) {
    const test = compareTest(base.tests.get(id), head.tests.get(id), options)
    if (test.change.length > 0) changed.push(test)
    else unchanged += 1
  }
  changed.sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const summary = summarize(base.totals, head.totals, changed, unchanged)
  return {
    base: sideFacts(base),
    head: sideFacts(head),
    options,
    summary,
    regressions: regressions(changed, summary, options.scoreTolerance),
    tests: changed,
  }
}

function rank(test: TestComparison): number {
  return CHANGE_KINDS.indexOf(test.change[0] as ChangeKind)
}

function summarize(
  base: SessionTotals,
  head: SessionTotals,
  tests: readonly TestComparison[],
  unchanged: number,
): ComparisonSummary {
  const changes = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, 0])) as Record<
    ChangeKind,
    number
  >
  for (const test of tests) for (const kind of test.change) changes[kind] += 1
  const of = (key: keyof Omit<SessionTotals, 'scores'>) => delta(base[key], head[key])
  return {
    tests: of('tests'),
    passed: of('passed'),
    failed: of('failed'),
    skipped: of('skipped'),
    passRate: maybeDelta(passRate(base), passRate(head)),
    spans: of('spans'),
    llmCalls: of('llmCalls'),
    tokens: {
      prompt: of('promptTokens'),
      completion: of('completionTokens'),
      total: of('totalTokens'),
    },
    scores: namedDeltas(base.scores, head.scores),
    changes,
    unchanged,
  }
}

function passRate({ passed, failed }: SessionTotals): number | null {
  return passed + failed === 0 ? null : passed / (passed + failed)
}

function regressions(
  tests: readonly TestComparison[],
  summary: ComparisonSummary,
  tolerance: number,
): Regression[] {
  const broken = tests
    .filter((test) => test.change.includes('passed-to-failed'))
    .map((test): Regression => ({ kind: 'passed-to-failed', test: test.id }))
  const dropped = Object.entries(summary.scores).flatMap(
    ([score, { base, head, delta }]): Regression[] =>
      base !== null && head !== null && delta !== null && delta < -tolerance - ROUNDING_SLACK
        ? [{ kind: 'score-dropped', score, base, head, delta }]
        : [],
  )
  return [...broken, ...dropped]
}

function sideFacts(session: SessionDigest): SideFacts {
  const { header } = session
  return {
    source: session.source,
    file: session.file,
    sessionId: header.id,
    startedAtMs: header.startedAtMs,
    vitestVersion: header.vitestVersion,
    gitCommit: header.gitCommit,
    gitBranch: header.gitBranch,
    complete: session.complete,
    duplicates: session.duplicates,
  }
}
