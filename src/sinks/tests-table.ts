import { createHash } from 'node:crypto'
import type { TestRecord } from '../session/test-record.js'
import type { JsonObject, JsonValue } from '../json.js'

const COLUMNS = [
  'name',
  'file',
  'state',
  'duration_ms',
  'spans',
  'llm_calls',
  'tokens',
  'error',
] as const

/** The run's `tests` table as W&B's SDK logs one: a JSON file in the run, and a `table-file` value naming it. */
export interface TableFile {
  readonly path: string
  readonly bytes: Uint8Array
  readonly value: JsonObject
}

/** Gathers one small row per test (never the traces) and renders W&B's table JSON at the end. */
export class TestsTable {
  private readonly rows: JsonValue[][] = []

  add(record: TestRecord): void {
    this.rows.push([
      record.name,
      record.file,
      record.state,
      record.durationMs,
      record.stats.spans,
      record.stats.llmCalls,
      record.stats.totalTokens,
      record.error,
    ])
  }

  /** The table file, named as W&B names media files: `media/table/<key>_<step>_<sha256 prefix>.table.json`. */
  render(key: string, step: number): TableFile {
    const bytes = Buffer.from(
      JSON.stringify({
        _type: 'table',
        columns: COLUMNS,
        data: this.rows,
        ncols: COLUMNS.length,
        nrows: this.rows.length,
      }),
    )
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const path = `media/table/${key}_${step}_${sha256.slice(0, 20)}.table.json`
    return {
      path,
      bytes,
      value: {
        _type: 'table-file',
        path,
        sha256,
        size: bytes.length,
        ncols: COLUMNS.length,
        nrows: this.rows.length,
      },
    }
  }

  get size(): number {
    return this.rows.length
  }
}
