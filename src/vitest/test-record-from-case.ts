import type { TestCase } from 'vitest/node'
import { testId } from '../session/test-record.js'
import type { TestRecord, TestState } from '../session/test-record.js'
import { truncateText } from '../trace/truncate.js'
import { DEFAULT_MAX_PAYLOAD_CHARS } from '../trace/limits.js'
import { describeError, warn } from '../warnings.js'
import { decodeTestTraces, NO_TRACES } from './test-meta.js'
import type { TestTraces } from './test-meta.js'
import { scoreStats } from '../scores/score-stats.js'

/**
 * One test case as a session record. The state is the reporter's, which is right for `test.fails`
 * (the worker sees such a test fail; the run counts it as passed).
 */
export function testRecordFromCase(testCase: TestCase): TestRecord {
  const result = testCase.result()
  const diagnostic = testCase.diagnostic()
  const state = recordState(result.state)
  const { traces, stats, indexes, inputs, judgeTraces, judgeStats, scores } = tracesOf(testCase)
  const name = testCase.fullName
  const file = testCase.module.relativeModuleId
  return {
    id: testId({ file, name }),
    name,
    file,
    state,
    startedAtMs: diagnostic?.startTime ?? 0,
    durationMs: diagnostic?.duration ?? 0,
    retries: diagnostic?.retryCount ?? 0,
    flaky: diagnostic?.flaky ?? false,
    error: result.state === 'failed' ? firstError(result.errors) : null,
    traces,
    stats,
    indexes,
    inputs,
    scores: scoreStats(scores),
    judgeTraces,
    judgeStats,
  }
}

function recordState(state: string): TestState {
  if (state === 'passed' || state === 'failed') return state
  return 'skipped'
}

function firstError(
  errors: ReadonlyArray<{ message?: string; name?: string }> | undefined,
): string {
  const error = errors?.[0]
  if (error === undefined) return 'failed'
  const text =
    error.name && error.message
      ? `${error.name}: ${error.message}`
      : (error.message ?? error.name ?? 'failed')
  return truncateText(text, DEFAULT_MAX_PAYLOAD_CHARS)
}

function tracesOf(testCase: TestCase): TestTraces {
  try {
    return decodeTestTraces(testCase.meta() as Record<string, unknown>)
  } catch (error) {
    warn(`could not read the traces of "${testCase.fullName}": ${describeError(error)}`)
    return NO_TRACES
  }
}
