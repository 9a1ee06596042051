import { createHash } from 'node:crypto'
import type { TestRecord } from '../session/test-record.js'
import { outlineHash } from '../trace/outline/outline-hash.js'
import { outlineText } from '../trace/outline/outline-text.js'
import { truncateText } from '../trace/truncate.js'
import type { JsonObject, JsonValue } from '../json.js'

const COLUMNS = [
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
] as const

/** Characters of an outline kept in its cell; `structure` is the hash of the whole outline. */
const MAX_OUTLINE_CHARS = 8_192

/** The run's `tests` table as W&B's SDK logs one: a JSON file in the run, and a `table-file` value naming it. */
export interface TableFile {
  readonly path: string
  readonly bytes: Uint8Array
  readonly value: JsonObject
}

interface Row {
  readonly cells: JsonValue[]
  /** The test's score means by name; undefined when it recorded none. */
  readonly scores: ReadonlyMap<string, number> | undefined
}

/**
 * Gathers one small row per test (never the traces) and renders W&B's table JSON at the end, with
 * a `score/<name>` column per score the session recorded, in the order first seen.
 */
export class TestsTable {
  private readonly rows: Row[] = []
  // Known only at the end: a score may first appear in the last test.
  private readonly scoreNames = new Set<string>()

  add(record: TestRecord): void {
    const means = Object.entries(record.scores).map(([name, stats]) => [name, stats.mean] as const)
    for (const [name] of means) this.scoreNames.add(name)
    this.rows.push({
      cells: [
        record.id,
        record.name,
        record.file,
        record.state,
        record.durationMs,
        record.stats.spans,
        record.stats.llmCalls,
        record.stats.totalTokens,
        record.error,
        ...outlineCells(record),
      ],
      scores: means.length === 0 ? undefined : new Map(means),
    })
  }

  /** The table file, named as W&B names media files: `media/table/<key>_<step>_<sha256 prefix>.table.json`. */
  render(key: string, step: number): TableFile {
    const names = [...this.scoreNames]
    const columns = [...COLUMNS, ...names.map((name) => `score/${name}`)]
    const data = this.rows.map(({ cells, scores }) => [
      ...cells,
      ...names.map((name) => scores?.get(name) ?? null),
    ])
    const bytes = Buffer.from(
      JSON.stringify({
        _type: 'table',
        columns,
        data,
        ncols: columns.length,
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
        ncols: columns.length,
        nrows: this.rows.length,
      },
    }
  }

  get size(): number {
    return this.rows.length
  }
}

function outlineCells(record: TestRecord): [string, string] {
  const outline = outlineText(record.traces)
  return [truncateText(outline, MAX_OUTLINE_CHARS), outlineHash(outline)]
}
