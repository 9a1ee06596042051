import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { SessionDigest } from '../../../src/compare/session-digest.js'
import { totalsOfTests } from '../../../src/compare/session-totals.js'
import { digestTest } from '../../../src/compare/test-digest.js'
import type { TestDigest } from '../../../src/compare/test-digest.js'
import type { SessionFileLine } from '../../../src/session/session-file.js'
import { addToSummary, emptySummary } from '../../../src/session/test-record.js'
import type { SessionStart, TestRecord } from '../../../src/session/test-record.js'
import type { SpanKind } from '../../../src/trace/span-kind.js'
import type { Span, TraceTree } from '../../../src/trace/span.js'
import { testRecord } from '../../support/test-records.js'

export function span(name: string, kind: SpanKind | null = null, children: Span[] = []): Span {
  return {
    span_id: `${name}-id`,
    name,
    start_time_ms: 1,
    end_time_ms: 2,
    status_code: 'SUCCESS',
    status_message: null,
    attributes: {},
    results: [],
    child_spans: children,
    span_kind: kind,
  }
}

/** A trace of `root`, its totals counted as the handler counts them (`tokensPerLlm` a call). */
export function trace(root: Span, tokensPerLlm = 10): TraceTree {
  const spans: Span[] = []
  const visit = (span: Span): void => {
    spans.push(span)
    span.child_spans?.forEach(visit)
  }
  visit(root)
  const llmCalls = spans.filter((span) => span.span_kind === 'LLM').length
  const prompt = Math.ceil(tokensPerLlm * 0.7) * llmCalls
  const total = tokensPerLlm * llmCalls
  return {
    traceId: root.name ?? 'trace',
    rootSpan: root,
    stats: {
      spans: spans.length,
      llmCalls,
      promptTokens: prompt,
      completionTokens: total - prompt,
      totalTokens: total,
    },
  }
}

/** The usual RAG query: retrieve, then an LLM call, with `extra` spans between them. */
export function ragTrace(extra: readonly string[] = [], tokensPerLlm = 10): TraceTree {
  return trace(
    span('query', 'AGENT', [
      span('retrieve', 'TOOL'),
      ...extra.map((name) => span(name, 'CHAIN')),
      span('llm', 'LLM'),
    ]),
    tokensPerLlm,
  )
}

/** A test record named `name` in `a.test.ts`, its stats the totals of its traces. */
export function record(name: string, overrides: Partial<TestRecord> = {}): TestRecord {
  const traces = overrides.traces ?? []
  const stats = { spans: 0, llmCalls: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0 }
  for (const { stats: each } of traces)
    for (const key of Object.keys(stats) as (keyof typeof stats)[]) stats[key] += each[key]
  return testRecord({ name, file: 'a.test.ts', stats, ...overrides })
}

/** A score's statistics as a test records them, from its mean. */
export function scoreOf(mean: number): TestRecord['scores'][string] {
  return { mean, min: mean, max: mean, count: 1, judged: 0, passed: 0, comment: null }
}

export function sessionStart(overrides: Partial<SessionStart> = {}): SessionStart {
  return {
    id: 'abc123',
    startedAtMs: Date.UTC(2026, 0, 1, 12),
    root: '/project',
    vitestVersion: '4.1.12',
    nodeVersion: 'v20.0.0',
    shard: null,
    gitCommit: null,
    gitBranch: null,
    gitRemote: null,
    baseline: null,
    ...overrides,
  }
}

/** A session compared without a file: `records` in the order they were written, last one wins. */
export function digestOf(records: readonly TestRecord[], source = 'memory'): SessionDigest {
  const tests = new Map<string, TestDigest>()
  for (const each of records) {
    const digest = digestTest(each)
    tests.set(digest.id, digest)
  }
  const header = {
    id: source,
    startedAtMs: 0,
    vitestVersion: '4.1.12',
    gitCommit: null,
    gitBranch: null,
    gitRemote: null,
  }
  const totals = totalsOfTests(tests.values())
  const duplicates = records.length - tests.size
  return { source, file: `${source}.jsonl`, header, tests, totals, complete: true, duplicates }
}

export interface SessionFileShape {
  readonly start?: Partial<SessionStart> & Record<string, unknown>
  /** False: no summary line, as a killed run leaves the file. */
  readonly summary?: boolean
}

/** The lines of a session file, as the session file sink writes them. */
export function sessionFileText(
  records: readonly TestRecord[],
  shape: SessionFileShape = {},
): string {
  const summary = emptySummary()
  for (const each of records) addToSummary(summary, each)
  const lines: SessionFileLine[] = [
    { kind: 'session', version: 1, ...sessionStart(), ...shape.start },
    ...records.map((each): SessionFileLine => ({ kind: 'test', ...each })),
    ...(shape.summary === false ? [] : [{ kind: 'summary', ...summary } as const]),
  ]
  return lines.map((line) => `${JSON.stringify(line)}\n`).join('')
}

export function writeSessionFile(
  path: string,
  records: readonly TestRecord[],
  shape: SessionFileShape = {},
): string {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, sessionFileText(records, shape))
  return path
}
