import { closeSync, openSync, statSync, writeSync } from 'node:fs'
import type { SessionFileLine } from '../../src/session/session-file.js'
import { addToSummary, emptySummary, testId } from '../../src/session/test-record.js'
import type { TestRecord } from '../../src/session/test-record.js'
import type { Span, TraceTree } from '../../src/trace/span.js'

export interface SessionShape {
  readonly tests: number
  readonly spansPerTest: number
}

/** Which session of a pair: `head` differs from `base` the way a change to a pipeline would. */
export type Side = 'base' | 'head'

let spanIds = 0

function span(name: string, kind: Span['span_kind'], inputs: Span['results']): Span {
  spanIds += 1
  return {
    span_id: `00000000-0000-4000-8000-${String(spanIds).padStart(12, '0')}`,
    name,
    start_time_ms: 1_767_225_600_000 + spanIds,
    end_time_ms: 1_767_225_600_000 + spanIds + 3.25,
    status_code: 'SUCCESS',
    status_message: null,
    attributes: null,
    results: inputs,
    child_spans: null,
    span_kind: kind,
  }
}

/**
 * One trace as the harness benchmark's suite records it: a query whose children repeat
 * retrieve (two scored nodes), then synthesize around an LLM call with reported usage.
 */
function ragTrace(test: number, spans: number, side: Side): TraceTree {
  const question = `what does the handbook say about topic ${test}?`
  const children: Span[] = []
  const llmTokens = side === 'head' && test % 10 === 0 ? 9 : 7
  let llmCalls = 0
  for (let made = 1; made < spans;) {
    const nodes = [1, 2].map((node) => ({
      id: `doc-${test}-${made}-${node}`,
      score: 0.9 - node / 10,
      text: `Section ${node} of the handbook: refunds are paid back within 30 days of a return.`,
    }))
    children.push({
      ...span('retrieve', 'TOOL', [
        { inputs: { query_str: question }, outputs: { nodes, num_nodes: 2 } },
      ]),
    })
    made += 1
    if (made >= spans) break
    const synthesize = span('synthesize', 'CHAIN', [
      { inputs: { query_str: question }, outputs: { response: 'Refunds take 30 days.' } },
    ])
    made += 1
    if (made < spans) {
      const llm = span('llm', 'LLM', [
        {
          inputs: { messages: `system: answer from the handbook\nuser: ${question}` },
          outputs: { response: 'Refunds take 30 days.' },
        },
      ])
      llm.attributes = {
        formatted_prompt_tokens_count: llmTokens,
        prediction_tokens_count: 2,
        total_tokens_used: llmTokens + 2,
      }
      synthesize.child_spans = [llm]
      llmCalls += 1
      made += 1
    }
    children.push(synthesize)
  }
  if (side === 'head' && test % 50 === 0) children.splice(1, 0, span('reranking', 'CHAIN', null))
  const root = span('query', 'AGENT', [
    { inputs: { query_str: question }, outputs: { response: 'done' } },
  ])
  root.child_spans = children
  const stats = {
    spans: spans + (side === 'head' && test % 50 === 0 ? 1 : 0),
    llmCalls,
    promptTokens: llmCalls * llmTokens,
    completionTokens: llmCalls * 2,
    totalTokens: llmCalls * (llmTokens + 2),
  }
  return { traceId: 'query', rootSpan: root, stats }
}

function testRecord(test: number, shape: SessionShape, side: Side): TestRecord {
  const trace = ragTrace(test, shape.spansPerTest, side)
  const failed = side === 'head' && test % 100 === 7
  const faithfulness = 0.8 + (test % 5) / 50 - (side === 'head' && test % 4 === 0 ? 0.1 : 0)
  const score = {
    min: faithfulness,
    max: faithfulness,
    count: 1,
    judged: 0,
    passed: 0,
    comment: null,
  }
  const renamed = side === 'head' && test % 500 === 3
  const name = `handbook ${Math.floor(test / 100)} > answers question ${test}${renamed ? ' (v2)' : ''}`
  const file = `suite-${test % 50}.test.ts`
  return {
    id: testId({ file, name }),
    name,
    file,
    state: failed ? 'failed' : 'passed',
    startedAtMs: 1_767_225_600_000 + test,
    durationMs: 20 + (test % 7),
    retries: 0,
    flaky: false,
    error: failed
      ? "AssertionError: expected 'Refunds take 30 days.' to contain 'store credit'"
      : null,
    traces: [trace],
    stats: trace.stats,
    indexes: [],
    inputs: [],
    scores: { faithfulness: { mean: faithfulness, ...score } },
    judgeTraces: [],
    judgeStats: { spans: 0, llmCalls: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0 },
  }
}

/** Writes a session file of `shape` line by line, as the session file sink does; returns its size. */
export function writeRagSession(path: string, shape: SessionShape, side: Side): number {
  const fd = openSync(path, 'w')
  const summary = emptySummary()
  const write = (line: SessionFileLine): void => {
    writeSync(fd, `${JSON.stringify(line)}\n`)
  }
  try {
    write({
      kind: 'session',
      version: 1,
      id: side,
      startedAtMs: 1_767_225_600_000,
      root: '/bench',
      vitestVersion: '4.1.12',
      nodeVersion: process.version,
      shard: null,
      gitCommit: null,
      gitBranch: null,
      gitRemote: null,
      baseline: null,
    })
    for (let test = 0; test < shape.tests; test += 1) {
      const record = testRecord(test, shape, side)
      addToSummary(summary, record)
      write({ kind: 'test', ...record })
    }
    write({ kind: 'summary', ...summary })
  } finally {
    closeSync(fd)
  }
  return statSync(path).size
}
