import type { TestState } from '../session/test-record.js'
import type { TraceTree } from '../trace/span.js'
import { outlineText } from '../trace/outline/outline-text.js'

export interface TestUsage {
  readonly spans: number
  readonly llmCalls: number
  readonly promptTokens: number
  readonly completionTokens: number
  readonly totalTokens: number
}

/** The part of a session file's test line (a TestRecord) that a comparison reads. */
export interface TestLine {
  /** Newer session files carry it; older ones are matched by file and name. */
  readonly id?: string
  readonly file: string
  readonly name: string
  readonly state: TestState
  readonly flaky: boolean
  readonly retries: number
  readonly error: string | null
  readonly durationMs: number
  readonly stats: TestUsage
  readonly scores: Readonly<Record<string, { readonly mean: number }>>
  readonly traces: readonly TraceTree[]
}

/** What a comparison keeps of one test: its outcome, totals, score means and span outline. */
export interface TestDigest {
  /** `<file> > <full name>`: the same in every session. */
  readonly id: string
  readonly file: string
  readonly name: string
  readonly state: TestState
  readonly flaky: boolean
  readonly retries: number
  /** The first line of its first error. */
  readonly error: string | null
  readonly durationMs: number
  readonly usage: TestUsage
  /** Each score's mean over the test's runs. */
  readonly scores: Readonly<Record<string, number>>
  /** The normalized span tree, as span snapshots render it (no ids, times or tokens). */
  readonly outline: string
}

export function testId(line: Pick<TestLine, 'id' | 'file' | 'name'>): string {
  return line.id ?? `${line.file} > ${line.name}`
}

export function digestTest(line: TestLine): TestDigest {
  return {
    id: testId(line),
    file: line.file,
    name: line.name,
    state: line.state,
    flaky: line.flaky,
    retries: line.retries,
    error: line.error === null ? null : (line.error.split('\n')[0] ?? ''),
    durationMs: line.durationMs,
    usage: {
      spans: line.stats.spans,
      llmCalls: line.stats.llmCalls,
      promptTokens: line.stats.promptTokens,
      completionTokens: line.stats.completionTokens,
      totalTokens: line.stats.totalTokens,
    },
    scores: Object.fromEntries(Object.entries(line.scores).map(([name, { mean }]) => [name, mean])),
    outline: outlineText(line.traces),
  }
}
