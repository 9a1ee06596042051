import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { SessionSummary } from '../../src/session/test-record.js'
import { useFakeWandb } from '../support/fake-wandb/use-fake-wandb.js'
import { historyRows, readRunRecords } from '../wandb/run-fixtures.js'
import { keylessEnv } from './support/keyless-env.js'
import { runFolders } from './support/offline-runs.js'
import { readOnlySession, testNamed } from './support/read-session.js'
import type { SessionContents } from './support/read-session.js'
import { runFixture } from './support/run-fixture.js'
import type { FixtureRun } from './support/run-fixture.js'

const RUN_TIMEOUT_MS = 90_000
const FILE = 'scores.test.ts'

/** Each test's score means over its runs, as the fixture records them. */
const MEANS: Record<string, Record<string, number>> = {
  'retrieves the refund policy': { hit_rate: 1, mrr: 1, precision: 0.5, recall: 1, ap: 1, ndcg: 1 },
  'is judged faithful': { faithfulness: 0.9 },
  'concurrent > first': { relevance: 1 },
  'concurrent > second': { relevance: 0.5 },
  'scores every repeat': { stability: 0.5, 'looks-right': 2 / 3 },
  'scores every retry': { recovery: 0.75 },
  'falls under its minimum': { groundedness: 0.62, conciseness: 0.9 },
  'shrugs off bad scores': { 'min-not-a-number': 1 },
}
const SCORE_NAMES = [...new Set(Object.values(MEANS).flatMap((means) => Object.keys(means)))]
const JUDGED_TEST = 'is judged faithful'
const JUDGE_ROW = {
  'judge/llm_calls': 1,
  'judge/tokens_prompt': 50,
  'judge/tokens_completion': 5,
  'judge/tokens_total': 55,
}
const MIN_FAILURE = 'Error: score "groundedness" is 0.62, under its minimum 0.8'

const fake = useFakeWandb()

/** What a W&B run of the fixture holds, from its transaction log or from the fake W&B. */
interface LoggedRun {
  readonly rows: Record<string, unknown>[]
  readonly summary: Record<string, unknown>
  readonly table: { columns: string[]; data: unknown[][]; ncols: number; nrows: number }
}

function pick(row: Record<string, unknown>, prefix: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([key]) => key.startsWith(prefix)))
}

function keyed(means: Record<string, number>, prefix: string): Record<string, number> {
  return Object.fromEntries(Object.entries(means).map(([name, mean]) => [prefix + name, mean]))
}

function expectScoresLogged({ rows, summary, table }: LoggedRun, session: SessionSummary): void {
  expect(rows.map((row) => row['test/name']).sort()).toEqual(Object.keys(MEANS).sort())
  for (const row of rows) {
    const name = row['test/name'] as string
    expect(pick(row, 'score/'), name).toEqual(keyed(MEANS[name]!, 'score/'))
    expect(pick(row, 'judge/'), name).toEqual(name === JUDGED_TEST ? JUDGE_ROW : {})
  }
  const judged = rows.find((row) => row['test/name'] === JUDGED_TEST)!
  expect(judged).toMatchObject({ 'test/llm_calls': 1, 'test/tokens_total': 10 })
  const root = JSON.parse((judged['trace'] as { root_span_dumps: string }).root_span_dumps)
  expect(root.attributes).toMatchObject({
    'test.tokens_total': 10,
    'test.judge_llm_calls': 1,
    'test.judge_tokens_total': 55,
    'score.faithfulness': 0.9,
  })
  expect(
    root.child_spans.map((span: { name: string; attributes: Record<string, unknown> | null }) => [
      span.name,
      span.attributes?.['judge'] ?? null,
    ]),
  ).toEqual([
    ['query', null],
    ['llm', 'faithfulness'],
  ])

  expect(table.columns).toEqual([
    ...['test_id', 'name', 'file', 'state', 'duration_ms', 'spans', 'llm_calls', 'tokens', 'error'],
    ...['outline', 'structure'],
    ...SCORE_NAMES.map((name) => `score/${name}`),
  ])
  expect(table).toMatchObject({ ncols: 11 + SCORE_NAMES.length, nrows: 8 })
  for (const row of table.data) {
    const means = MEANS[row[1] as string]!
    expect(row[0]).toBe(`scores.test.ts > ${row[1] as string}`)
    expect(row.slice(11), row[1] as string).toEqual(SCORE_NAMES.map((name) => means[name] ?? null))
  }

  expect(summary).toMatchObject({
    'tests/total': 8,
    'tests/failed': 1,
    'tokens/total': 20,
    'judge/llm_calls': 1,
    'judge/tokens_total': 55,
    'scores/relevance/mean': 0.75,
    'scores/relevance/min': 0.5,
    'scores/relevance/count': 2,
    'scores/stability/min': 0.25,
    'scores/faithfulness/passing_rate': 1,
  })
  for (const [name, score] of Object.entries(session.scores)) {
    expect(pick(summary, `scores/${name}/`), name).toEqual({
      [`scores/${name}/mean`]: score.mean,
      [`scores/${name}/min`]: score.min,
      [`scores/${name}/count`]: score.count,
      ...(score.judged > 0 ? { [`scores/${name}/passing_rate`]: score.passed / score.judged } : {}),
    })
  }
  expect(Object.keys(summary).filter((key) => key.startsWith('scores/'))).toHaveLength(
    SCORE_NAMES.length * 3 + 1,
  )
}

function offlineRun(dir: string): LoggedRun {
  const folders = runFolders(dir)
  expect(folders).toHaveLength(1)
  const records = readRunRecords(folders[0]!)
  const summaries = records.flatMap((record) => (record.kind === 'summary' ? [record] : []))
  expect(summaries).toHaveLength(1)
  const summary = Object.fromEntries(
    summaries[0]!.summary.update.map((item) => [item.key, JSON.parse(item.valueJson ?? 'null')]),
  )
  const path = (summary['tests'] as { path: string }).path
  const table = JSON.parse(readFileSync(join(folders[0]!, 'files', path), 'utf8'))
  return { rows: historyRows(records), summary, table }
}

describe('scores from a real vitest run, offline', () => {
  let run: FixtureRun
  let session: SessionContents

  beforeAll(async () => {
    run = await runFixture('scores', [], keylessEnv())
    session = readOnlySession(run.dir)
  }, RUN_TIMEOUT_MS)

  it('fails the run by the one score under its minimum, with its message as the error', () => {
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/Tests\s+1 failed \| 7 passed \(8\)/)
    const failed = testNamed(session, 'falls under its minimum')
    expect(failed).toMatchObject({ state: 'failed', error: MIN_FAILURE })
    expect(failed.scores['groundedness']).toMatchObject({
      mean: 0.62,
      count: 1,
      comment: 'cites one source of two',
    })
    expect(session.tests.filter((test) => test.state === 'failed')).toHaveLength(1)
  })

  it('keeps each score of every run of a test in the session file: repeats and retries', () => {
    expect(testNamed(session, 'scores every repeat').scores).toEqual({
      stability: { mean: 0.5, min: 0.25, max: 0.75, count: 3, judged: 0, passed: 0, comment: null },
      'looks-right': { mean: 2 / 3, min: 0, max: 1, count: 3, judged: 0, passed: 0, comment: null },
    })
    const retried = testNamed(session, 'scores every retry')
    expect(retried).toMatchObject({ state: 'passed', retries: 1 })
    expect(retried.scores['recovery']).toMatchObject({ mean: 0.75, min: 0.5, count: 2 })
    for (const test of session.tests) {
      const means = Object.entries(test.scores).map(([name, stats]) => [name, stats.mean])
      expect(Object.fromEntries(means), test.name).toEqual(MEANS[test.name])
    }
  })

  it("keeps the judge's trace and tokens apart from the pipeline's in the session file", () => {
    const judged = testNamed(session, JUDGED_TEST)
    expect(judged.judgeStats).toEqual({
      spans: 1,
      llmCalls: 1,
      promptTokens: 50,
      completionTokens: 5,
      totalTokens: 55,
    })
    expect(judged.stats).toMatchObject({ llmCalls: 1, totalTokens: 10 })
    expect(judged.judgeTraces.map((trace) => trace.rootSpan.attributes?.['judge'])).toEqual([
      'faithfulness',
    ])
    expect(judged.scores['faithfulness']).toMatchObject({
      judged: 1,
      passed: 1,
      comment: 'graded 0.9',
    })
    const others = session.tests.filter((test) => test.name !== JUDGED_TEST)
    expect(others.flatMap((test) => test.judgeTraces)).toEqual([])
  })

  it("sums each score over the session's tests in the session file's summary", () => {
    const summary = session.summary!
    expect(Object.keys(summary.scores)).toEqual(SCORE_NAMES)
    expect(summary.scores['relevance']).toEqual({
      mean: 0.75,
      sum: 1.5,
      min: 0.5,
      max: 1,
      count: 2,
      judged: 0,
      passed: 0,
      lowest: { test: `${FILE} > concurrent > second`, mean: 0.5 },
    })
    expect(summary.scores['faithfulness']).toMatchObject({ judged: 1, passed: 1, count: 1 })
    expect(summary).toMatchObject({
      llmCalls: 2,
      tokensTotal: 20,
      judgeLlmCalls: 1,
      judgeTokensTotal: 55,
    })
  })

  it('logs the scores and the judges to the offline run: rows, the tests table and the summary', () => {
    expectScoresLogged(offlineRun(run.dir), session.summary!)
  })

  it('prints a line per score under the totals, with the judge calls and tokens', () => {
    const lines = run.stdout.split('\n')
    const totals = lines.findIndex((line) => line.startsWith('vitest-wandb: 8 tests'))
    expect(lines[totals]).toBe(
      'vitest-wandb: 8 tests (7 passed, 1 failed) · 2 with traces · 6 spans · 2 LLM calls · 20 tokens · 1 judge call · 55 judge tokens',
    )
    const scoreLines = lines.slice(totals + 1, totals + 1 + SCORE_NAMES.length)
    expect(scoreLines.map((line) => line.trim().split(' ')[0])).toEqual(SCORE_NAMES)
    expect(new Set(scoreLines.map((line) => line.indexOf(' mean '))).size).toBe(1)
    expect(scoreLines).toEqual(
      expect.arrayContaining([
        `  faithfulness      mean 0.90 · min 0.90 · 1 test · passing 100% · lowest: ${FILE} > is judged faithful (0.90)`,
        `  relevance         mean 0.75 · min 0.50 · 2 tests · lowest: ${FILE} > concurrent > second (0.50)`,
        `  groundedness      mean 0.62 · min 0.62 · 1 test · lowest: ${FILE} > falls under its minimum (0.62)`,
      ]),
    )
    expect(lines[totals + 1 + SCORE_NAMES.length]).toBe('  most tokens:')
  })

  it('warns once per bad score, naming the test and the score, and records the others', () => {
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('vitest-wandb:'))
    const test = 'of the test "shrugs off bad scores"'
    expect(warnings).toEqual([
      `vitest-wandb: score "nan" ${test} is NaN, not a finite number; it is left out`,
      `vitest-wandb: score "" ${test} has no name: give score() a non-empty string as its first argument`,
      `vitest-wandb: score "min-not-a-number" ${test}: its min is "high", not a finite number; no minimum is checked`,
      `vitest-wandb: score "infinite" ${test} is Infinity, not a finite number; it is left out`,
    ])
    expect(testNamed(session, 'shrugs off bad scores').state).toBe('passed')
  })
})

describe('scores from a real vitest run, online', () => {
  it(
    'logs the same rows, tests table and summary to W&B as the offline run holds',
    async () => {
      const run = await runFixture('scores', [], { ...keylessEnv(), ...fake().env() })
      expect(run.exitCode).toBe(1)
      expect(runFolders(run.dir).filter((dir) => dir.includes('offline-run-'))).toEqual([])
      const created = fake().runs.filter((each) => each.history.length > 0)
      expect(created).toHaveLength(1)
      const logged = created[0]!
      const summary = logged.summary ?? {}
      const path = (summary['tests'] as { path: string }).path
      const table = JSON.parse(Buffer.from(logged.uploads[path]!).toString('utf8'))
      expectScoresLogged(
        { rows: logged.history, summary, table },
        readOnlySession(run.dir).summary!,
      )
      expect(logged).toMatchObject({ complete: true, exitcode: 1 })
      expect(fake().invalidDocuments).toEqual([])
    },
    RUN_TIMEOUT_MS,
  )
})
