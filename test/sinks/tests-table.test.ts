import { describe, expect, it } from 'vitest'
import type { ScoreStats } from '../../src/scores/score-stats.js'
import { outlineHash } from '../../src/trace/outline/outline-hash.js'
import { TestsTable } from '../../src/sinks/tests-table.js'
import { testRecord } from '../support/test-records.js'

function scores(means: Record<string, number>): Record<string, ScoreStats> {
  return Object.fromEntries(
    Object.entries(means).map(([name, mean]) => [
      name,
      { mean, min: mean, max: mean, count: 1, judged: 0, passed: 0, comment: null },
    ]),
  )
}

function rendered(table: TestsTable): { columns: string[]; data: unknown[][]; ncols: number } {
  return JSON.parse(Buffer.from(table.render('tests', table.size).bytes).toString())
}

const FIXED_COLUMNS = [
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
]

describe('the tests table outline', () => {
  it('gives each test its outline and a short hash of it, equal when the shape is equal', () => {
    const table = new TestsTable()
    const traces = (names: string[]) =>
      names.map((name, index) => ({
        traceId: String(index),
        rootSpan: {
          span_id: name,
          name,
          start_time_ms: index,
          end_time_ms: index + 1,
          status_code: 'SUCCESS' as const,
          status_message: null,
          attributes: null,
          results: null,
          child_spans: null,
          span_kind: 'LLM' as const,
        },
        stats: { spans: 1, llmCalls: 1, promptTokens: 1, completionTokens: 1, totalTokens: 2 },
      }))
    table.add(testRecord({ name: 'a', traces: traces(['llm']) }))
    table.add(testRecord({ name: 'b', traces: traces(['llm']) }))
    table.add(testRecord({ name: 'c', traces: traces(['llm', 'llm']) }))
    const rows = rendered(table).data.map((row) => row.slice(9))
    expect(rows).toEqual([
      ['llm (LLM)', outlineHash('llm (LLM)')],
      ['llm (LLM)', outlineHash('llm (LLM)')],
      ['llm (LLM)\nllm (LLM)', outlineHash('llm (LLM)\nllm (LLM)')],
    ])
    expect(outlineHash('llm (LLM)')).toMatch(/^[0-9a-f]{12}$/)
  })
})

describe('the tests table with scores', () => {
  it('adds a column per score in the order first seen, null where a test lacks it', () => {
    const table = new TestsTable()
    table.add(testRecord({ name: 'a', scores: scores({ recall: 0.5 }) }))
    table.add(testRecord({ name: 'b' }))
    table.add(testRecord({ name: 'c', scores: scores({ faithfulness: 0.9, recall: 1 }) }))
    table.add(testRecord({ name: 'd', scores: scores({ mrr: 0.25 }) }))
    const json = rendered(table)
    expect(json.columns).toEqual([
      ...FIXED_COLUMNS,
      'score/recall',
      'score/faithfulness',
      'score/mrr',
    ])
    expect(json.data.map((row) => [row[1], ...row.slice(11)])).toEqual([
      ['a', 0.5, null, null],
      ['b', null, null, null],
      ['c', 1, 0.9, null],
      ['d', null, null, 0.25],
    ])
    expect(json.data.every((row) => row.length === 14)).toBe(true)
    expect(json.ncols).toBe(14)
  })

  it("names the score columns apart from the table's own, even for a score named like one", () => {
    const table = new TestsTable()
    table.add(testRecord({ scores: scores({ tokens: 3 }) }))
    const json = rendered(table)
    expect(json.columns.slice(-2)).toEqual(['structure', 'score/tokens'])
    expect(json.data[0]?.slice(-2)).toEqual([outlineHash(''), 3])
    expect(table.render('tests', 1).value).toMatchObject({ ncols: 12, nrows: 1 })
  })

  it('renders the same bytes as a table without scores when no test recorded one', () => {
    const table = new TestsTable()
    table.add(testRecord({ name: 'a' }))
    expect(Buffer.from(table.render('tests', 1).bytes).toString()).toBe(
      JSON.stringify({
        _type: 'table',
        columns: FIXED_COLUMNS,
        data: [
          ['f.test.ts > a', 'a', 'f.test.ts', 'passed', 1, 0, 0, 0, null, '', outlineHash('')],
        ],
        ncols: 11,
        nrows: 1,
      }),
    )
  })
})
