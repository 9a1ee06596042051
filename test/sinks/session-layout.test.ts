import { testId } from '../../src/session/test-record.js'
import { emptyStats } from '../../src/trace/span.js'
import { describe, expect, it } from 'vitest'
import type { TestRecord } from '../../src/session/test-record.js'
import { emptySummary } from '../../src/session/test-record.js'
import type { ScoreStats } from '../../src/scores/score-stats.js'
import type { Span } from '../../src/trace/span.js'
import {
  configValues,
  historyRow,
  summaryValues,
  testRootSpan,
} from '../../src/sinks/session-layout.js'
import { TestsTable } from '../../src/sinks/tests-table.js'
import { outlineHash } from '../../src/trace/outline/outline-hash.js'

function span(name: string, start: number, end: number): Span {
  return {
    span_id: name,
    name,
    start_time_ms: start,
    end_time_ms: end,
    status_code: 'SUCCESS',
    status_message: null,
    attributes: null,
    results: null,
    child_spans: null,
    span_kind: 'AGENT',
  }
}

const stats = { spans: 4, llmCalls: 1, promptTokens: 7, completionTokens: 3, totalTokens: 10 }

function record(overrides: Partial<TestRecord> = {}): TestRecord {
  const record: Omit<TestRecord, 'id'> = {
    name: 'suite > answers',
    file: 'rag.test.ts',
    state: 'passed',
    startedAtMs: 1_000,
    durationMs: 50,
    retries: 1,
    flaky: true,
    error: null,
    traces: [
      { traceId: 'a', rootSpan: span('query', 1_010, 1_020), stats },
      { traceId: 'b', rootSpan: span('query', 1_030, 1_090), stats },
    ],
    stats,
    indexes: [],
    inputs: [],
    scores: {},
    judgeTraces: [],
    judgeStats: emptyStats(),
    ...overrides,
  }
  return { ...record, id: overrides.id ?? testId(record) }
}

describe('the session layout', () => {
  it("roots each test's traces in a CHAIN span named by file and full name, with the test's facts", () => {
    const root = testRootSpan(record())
    expect(root).toMatchObject({
      name: 'rag.test.ts > suite > answers',
      span_kind: 'CHAIN',
      status_code: 'SUCCESS',
      status_message: null,
      start_time_ms: 1_000,
      end_time_ms: 1_090,
    })
    expect(root.attributes).toEqual({
      'test.id': 'rag.test.ts > suite > answers',
      'test.file': 'rag.test.ts',
      'test.state': 'passed',
      'test.duration_ms': 50,
      'test.retry_count': 1,
      'test.flaky': true,
      'test.tokens_prompt': 7,
      'test.tokens_completion': 3,
      'test.tokens_total': 10,
    })
    expect(root.child_spans?.map((child) => child.start_time_ms)).toEqual([1_010, 1_030])
    expect(Object.keys(root)).toEqual([
      'span_id',
      'name',
      'start_time_ms',
      'end_time_ms',
      'status_code',
      'status_message',
      'attributes',
      'results',
      'child_spans',
      'span_kind',
    ])
  })

  it("marks a failed test's root ERROR with its first error", () => {
    expect(testRootSpan(record({ state: 'failed', error: 'Error: boom' }))).toMatchObject({
      status_code: 'ERROR',
      status_message: 'Error: boom',
    })
  })

  it('makes one history row per test with the documented keys, the trace as a wb_trace_tree', () => {
    const row = historyRow(record({ state: 'failed', error: 'Error: boom' }))
    expect(Object.keys(row)).toEqual([
      'trace',
      'test/id',
      'test/name',
      'test/file',
      'test/state',
      'test/duration_ms',
      'test/retries',
      'test/spans',
      'test/llm_calls',
      'test/tokens_prompt',
      'test/tokens_completion',
      'test/tokens_total',
      'test/error',
    ])
    expect(row['trace']).toMatchObject({ _type: 'wb_trace_tree' })
    expect(JSON.parse((row['trace'] as { root_span_dumps: string }).root_span_dumps)).toEqual(
      testRootSpan(record({ state: 'failed', error: 'Error: boom' })),
    )
    expect(row).toMatchObject({
      'test/id': 'rag.test.ts > suite > answers',
      'test/name': 'suite > answers',
      'test/state': 'failed',
      'test/retries': 1,
      'test/spans': 4,
      'test/llm_calls': 1,
      'test/tokens_total': 10,
      'test/error': 'Error: boom',
    })
  })

  it('gives skipped tests a row without a trace, and passing tests no error key', () => {
    expect(historyRow(record({ state: 'skipped', traces: [] }))).not.toHaveProperty('trace')
    expect(historyRow(record())).not.toHaveProperty('test/error')
  })

  it('names the summary and config keys as documented', () => {
    expect(
      summaryValues({
        ...emptySummary(),
        total: 5,
        passed: 3,
        failed: 1,
        skipped: 1,
        spans: 40,
        tokensTotal: 900,
      }),
    ).toEqual({
      'tests/total': 5,
      'tests/passed': 3,
      'tests/failed': 1,
      'tests/skipped': 1,
      'spans/total': 40,
      'tokens/total': 900,
    })
    expect(
      configValues({
        vitestWandbVersion: '0.1.0',
        vitestVersion: '4.1.12',
        nodeVersion: 'v20',
        gitCommit: undefined,
        gitBranch: 'main',
        shard: '1/2',
        baselineRun: null,
      }),
    ).toEqual({
      vitest_wandb_version: '0.1.0',
      vitest_version: '4.1.12',
      node_version: 'v20',
      git_commit: null,
      git_branch: 'main',
      shard: '1/2',
    })
    expect(
      configValues({
        vitestWandbVersion: '0.1.0',
        vitestVersion: '4.1.12',
        nodeVersion: 'v20',
        gitCommit: 'abc',
        gitBranch: 'feature',
        shard: null,
        baselineRun: 'team/rag-evals/3x7q',
      }),
    ).toMatchObject({ git_branch: 'feature', baseline_run: 'team/rag-evals/3x7q' })
  })
})

const judgeStats = { spans: 1, llmCalls: 1, promptTokens: 50, completionTokens: 5, totalTokens: 55 }

function scoreStats(mean: number, judged = 0, passed = 0): ScoreStats {
  return { mean, min: mean, max: mean, count: 1, judged, passed, comment: null }
}

/** A test whose pipeline made two traces, scored twice, once by a judge that made one LLM call. */
function judgedRecord(overrides: Partial<TestRecord> = {}): TestRecord {
  const judgeSpan = { ...span('llm', 1_100, 1_200), attributes: { judge: 'faithfulness' } }
  return record({
    scores: { faithfulness: scoreStats(0.75, 2, 1), recall: scoreStats(0.5) },
    judgeTraces: [{ traceId: 'j', rootSpan: judgeSpan, stats: judgeStats }],
    judgeStats,
    ...overrides,
  })
}

describe('the session layout of scores and judges', () => {
  it("hangs the judges' traces under the test root after the pipeline's, and sums them apart", () => {
    const root = testRootSpan(judgedRecord())
    expect(root.child_spans?.map((child) => [child.start_time_ms, child.attributes])).toEqual([
      [1_010, null],
      [1_030, null],
      [1_100, { judge: 'faithfulness' }],
    ])
    expect(root.end_time_ms).toBe(1_200)
    expect(root.attributes).toEqual({
      'test.id': 'rag.test.ts > suite > answers',
      'test.file': 'rag.test.ts',
      'test.state': 'passed',
      'test.duration_ms': 50,
      'test.retry_count': 1,
      'test.flaky': true,
      'test.tokens_prompt': 7,
      'test.tokens_completion': 3,
      'test.tokens_total': 10,
      'test.judge_llm_calls': 1,
      'test.judge_tokens_total': 55,
      'score.faithfulness': 0.75,
      'score.recall': 0.5,
    })
  })

  it('gives a test scored without a judge its score attributes and no judge counts', () => {
    const root = testRootSpan(record({ scores: { recall: scoreStats(0.5) } }))
    expect(root.attributes).toMatchObject({ 'score.recall': 0.5, 'test.tokens_total': 10 })
    expect(root.attributes).not.toHaveProperty('test.judge_llm_calls')
    expect(root.attributes).not.toHaveProperty('test.judge_tokens_total')
    expect(root.child_spans).toHaveLength(2)
  })

  it("adds each score's mean and the judges' counts beside the pipeline's to the history row", () => {
    const row = historyRow(judgedRecord({ state: 'failed', error: 'Error: low' }))
    expect(Object.keys(row).slice(-7)).toEqual([
      'test/error',
      'score/faithfulness',
      'score/recall',
      'judge/llm_calls',
      'judge/tokens_prompt',
      'judge/tokens_completion',
      'judge/tokens_total',
    ])
    expect(row).toMatchObject({
      'test/llm_calls': 1,
      'test/tokens_total': 10,
      'score/faithfulness': 0.75,
      'score/recall': 0.5,
      'judge/llm_calls': 1,
      'judge/tokens_prompt': 50,
      'judge/tokens_completion': 5,
      'judge/tokens_total': 55,
    })
    const root = JSON.parse((row['trace'] as { root_span_dumps: string }).root_span_dumps)
    expect(root).toEqual(testRootSpan(judgedRecord({ state: 'failed', error: 'Error: low' })))
  })

  it('leaves the judge keys out of the row of a test scored without a judge', () => {
    const row = historyRow(record({ scores: { recall: scoreStats(0.5) } }))
    expect(row['score/recall']).toBe(0.5)
    expect(Object.keys(row).filter((key) => key.startsWith('judge/'))).toEqual([])
  })

  it('summarizes each score by mean, min and count, with a passing rate only when judged', () => {
    const values = summaryValues({
      ...emptySummary(),
      total: 3,
      passed: 3,
      judgeLlmCalls: 2,
      judgeTokensTotal: 110,
      scores: {
        faithfulness: {
          mean: 0.7,
          sum: 1.4,
          min: 0.4,
          max: 1,
          count: 2,
          judged: 4,
          passed: 3,
          lowest: { test: 'rag.test.ts > a', mean: 0.4 },
        },
        recall: {
          mean: 0.5,
          sum: 0.5,
          min: 0.5,
          max: 0.5,
          count: 1,
          judged: 0,
          passed: 0,
          lowest: { test: 'rag.test.ts > b', mean: 0.5 },
        },
      },
    })
    expect(values).toEqual({
      'tests/total': 3,
      'tests/passed': 3,
      'tests/failed': 0,
      'tests/skipped': 0,
      'spans/total': 0,
      'tokens/total': 0,
      'judge/llm_calls': 2,
      'judge/tokens_total': 110,
      'scores/faithfulness/mean': 0.7,
      'scores/faithfulness/min': 0.4,
      'scores/faithfulness/count': 2,
      'scores/faithfulness/passing_rate': 0.75,
      'scores/recall/mean': 0.5,
      'scores/recall/min': 0.5,
      'scores/recall/count': 1,
    })
  })
})

// Both traces of the record are a query span: its outline, as span snapshots show it.
const OUTLINE = 'query (AGENT)\nquery (AGENT)'

describe('the tests table', () => {
  it('renders W&B table JSON and a table-file value that names it by content hash', () => {
    const table = new TestsTable()
    table.add(record())
    table.add(record({ name: 'other', state: 'failed', error: 'Error: x' }))
    const file = table.render('tests', 2)
    const json = JSON.parse(Buffer.from(file.bytes).toString())
    expect(json).toEqual({
      _type: 'table',
      columns: [
        'test_id',
        'name',
        'file',
        'state',
        'duration_ms',
        'spans',
        'llm_calls',
        'tokens',
        'error',
        'outline',
        'structure',
      ],
      data: [
        [
          'rag.test.ts > suite > answers',
          'suite > answers',
          'rag.test.ts',
          'passed',
          50,
          4,
          1,
          10,
          null,
          OUTLINE,
          outlineHash(OUTLINE),
        ],
        [
          'rag.test.ts > other',
          'other',
          'rag.test.ts',
          'failed',
          50,
          4,
          1,
          10,
          'Error: x',
          OUTLINE,
          outlineHash(OUTLINE),
        ],
      ],
      ncols: 11,
      nrows: 2,
    })
    expect(file.path).toMatch(/^media\/table\/tests_2_[0-9a-f]{20}\.table\.json$/)
    expect(file.value).toMatchObject({
      _type: 'table-file',
      path: file.path,
      size: file.bytes.length,
      ncols: 11,
      nrows: 2,
    })
    expect(file.path).toContain((file.value['sha256'] as string).slice(0, 20))
  })
})
