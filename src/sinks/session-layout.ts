import { testId } from '../session/test-record.js'
import type { SessionSummary, TestRecord } from '../session/test-record.js'
import type { JsonObject, JsonValue } from '../json.js'
import { passingRate } from '../scores/score-stats.js'
import { toWandbTraceTree } from '../trace/span.js'
import type { Span } from '../trace/span.js'

/**
 * The root span of a test's trace tree in the run: named `<file> > <full name>`, a CHAIN whose
 * children are the test's traces then its judges' (marked `judge`), ERROR when the test failed.
 */
export function testRootSpan(record: TestRecord): Span {
  const children = [...record.traces, ...record.judgeTraces].map((trace) => trace.rootSpan)
  const startMs = record.startedAtMs > 0 ? record.startedAtMs : earliestStart(children)
  return {
    span_id: null,
    name: testId(record),
    start_time_ms: startMs,
    end_time_ms: Math.max(startMs + record.durationMs, latestEnd(children) ?? 0),
    status_code: record.state === 'failed' ? 'ERROR' : 'SUCCESS',
    status_message: record.error,
    attributes: {
      'test.id': record.id,
      'test.file': record.file,
      'test.state': record.state,
      'test.duration_ms': record.durationMs,
      'test.retry_count': record.retries,
      'test.flaky': record.flaky,
      'test.tokens_prompt': record.stats.promptTokens,
      'test.tokens_completion': record.stats.completionTokens,
      'test.tokens_total': record.stats.totalTokens,
      ...(hasJudges(record)
        ? {
            'test.judge_llm_calls': record.judgeStats.llmCalls,
            'test.judge_tokens_total': record.judgeStats.totalTokens,
          }
        : {}),
      ...scoreMeans(record, 'score.'),
    },
    results: null,
    child_spans: children.length === 0 ? null : children,
    span_kind: 'CHAIN',
  }
}

/** One history row per test case; skipped tests have no `trace`. `_step`, `_runtime` and `_timestamp` are added by the writer. */
export function historyRow(record: TestRecord): JsonObject {
  const row: JsonObject = {}
  if (record.state !== 'skipped') row['trace'] = { ...toWandbTraceTree(testRootSpan(record)) }
  Object.assign(row, {
    'test/id': record.id,
    'test/name': record.name,
    'test/file': record.file,
    'test/state': record.state,
    'test/duration_ms': record.durationMs,
    'test/retries': record.retries,
    'test/spans': record.stats.spans,
    'test/llm_calls': record.stats.llmCalls,
    'test/tokens_prompt': record.stats.promptTokens,
    'test/tokens_completion': record.stats.completionTokens,
    'test/tokens_total': record.stats.totalTokens,
  })
  if (record.state === 'failed') row['test/error'] = record.error ?? 'failed'
  Object.assign(row, scoreMeans(record, 'score/'))
  if (hasJudges(record)) {
    Object.assign(row, {
      'judge/llm_calls': record.judgeStats.llmCalls,
      'judge/tokens_prompt': record.judgeStats.promptTokens,
      'judge/tokens_completion': record.judgeStats.completionTokens,
      'judge/tokens_total': record.judgeStats.totalTokens,
    })
  }
  return row
}

export function summaryValues(summary: SessionSummary): JsonObject {
  const values: JsonObject = {
    'tests/total': summary.total,
    'tests/passed': summary.passed,
    'tests/failed': summary.failed,
    'tests/skipped': summary.skipped,
    'spans/total': summary.spans,
    'tokens/total': summary.tokensTotal,
  }
  if (summary.judgeLlmCalls > 0 || summary.judgeTokensTotal > 0) {
    values['judge/llm_calls'] = summary.judgeLlmCalls
    values['judge/tokens_total'] = summary.judgeTokensTotal
  }
  for (const [name, score] of Object.entries(summary.scores)) {
    values[`scores/${name}/mean`] = score.mean
    values[`scores/${name}/min`] = score.min
    values[`scores/${name}/count`] = score.count
    const rate = passingRate(score)
    if (rate !== null) values[`scores/${name}/passing_rate`] = rate
  }
  return values
}

export interface SessionConfigFacts {
  readonly vitestWandbVersion: string
  readonly vitestVersion: string
  readonly nodeVersion: string
  readonly gitCommit: string | undefined
  readonly gitBranch: string | undefined
  readonly shard: string | null
  /** What the session is compared with, when it is. */
  readonly baselineRun: string | null
}

export function configValues(facts: SessionConfigFacts): Record<string, JsonValue> {
  return {
    vitest_wandb_version: facts.vitestWandbVersion,
    vitest_version: facts.vitestVersion,
    node_version: facts.nodeVersion,
    git_commit: facts.gitCommit ?? null,
    git_branch: facts.gitBranch ?? null,
    shard: facts.shard,
    ...(facts.baselineRun === null ? {} : { baseline_run: facts.baselineRun }),
  }
}

function hasJudges(record: TestRecord): boolean {
  return record.judgeTraces.length > 0
}

/** Each score's mean over the test's runs, keyed `<prefix><name>`. */
function scoreMeans(record: TestRecord, prefix: string): JsonObject {
  return Object.fromEntries(
    Object.entries(record.scores).map(([name, stats]) => [`${prefix}${name}`, stats.mean]),
  )
}

function earliestStart(spans: readonly Span[]): number {
  const starts = spans
    .map((span) => span.start_time_ms)
    .filter((time): time is number => time !== null)
  return starts.length === 0 ? Date.now() : Math.min(...starts)
}

function latestEnd(spans: readonly Span[]): number | undefined {
  const ends = spans.map((span) => span.end_time_ms).filter((time): time is number => time !== null)
  return ends.length === 0 ? undefined : Math.max(...ends)
}
