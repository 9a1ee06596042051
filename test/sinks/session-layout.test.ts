import { emptyStats } from '../../src/trace/span.js'
import { describe, expect, it } from 'vitest'
import type { TestRecord } from '../../src/session/test-record.js'
import { emptySummary } from '../../src/session/test-record.js'
import type { Span } from '../../src/trace/span.js'
import {
  configValues,
  historyRow,
  summaryValues,
  testRootSpan,
} from '../../src/sinks/session-layout.js'
import { TestsTable } from '../../src/sinks/tests-table.js'

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
  return {
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
      }),
    ).toEqual({
      vitest_wandb_version: '0.1.0',
      vitest_version: '4.1.12',
      node_version: 'v20',
      git_commit: null,
      git_branch: 'main',
      shard: '1/2',
    })
  })
})

describe('the tests table', () => {
  it('renders W&B table JSON and a table-file value that names it by content hash', () => {
    const table = new TestsTable()
    table.add(record())
    table.add(record({ name: 'other', state: 'failed', error: 'Error: x' }))
    const file = table.render('tests', 2)
    const json = JSON.parse(Buffer.from(file.bytes).toString())
    expect(json).toEqual({
      _type: 'table',
      columns: ['name', 'file', 'state', 'duration_ms', 'spans', 'llm_calls', 'tokens', 'error'],
      data: [
        ['suite > answers', 'rag.test.ts', 'passed', 50, 4, 1, 10, null],
        ['other', 'rag.test.ts', 'failed', 50, 4, 1, 10, 'Error: x'],
      ],
      ncols: 8,
      nrows: 2,
    })
    expect(file.path).toMatch(/^media\/table\/tests_2_[0-9a-f]{20}\.table\.json$/)
    expect(file.value).toMatchObject({
      _type: 'table-file',
      path: file.path,
      size: file.bytes.length,
      ncols: 8,
      nrows: 2,
    })
    expect(file.path).toContain((file.value['sha256'] as string).slice(0, 20))
  })
})
