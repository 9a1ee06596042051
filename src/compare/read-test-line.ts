import type { TestState } from '../session/test-record.js'
import type { Result } from './result.js'
import type { TestLine } from './test-digest.js'

const STATES: ReadonlySet<string> = new Set<TestState>(['passed', 'failed', 'skipped'])

type Fields = Readonly<Record<string, unknown>>

/**
 * A test line as the comparison reads it. Its name, file and state are required; the rest has a
 * neutral default, so lines of older session files still compare.
 */
export function readTestLine(fields: Fields): Result<TestLine> {
  const { name, file, state, id } = fields
  if (typeof name !== 'string') return notATest('it has no name')
  if (typeof file !== 'string') return notATest('it has no file')
  if (typeof state !== 'string' || !STATES.has(state))
    return notATest(`its state is ${JSON.stringify(state) ?? 'missing'}`)
  if (id !== undefined && typeof id !== 'string') return notATest('its id is not text')
  const traces = fields['traces'] ?? []
  if (!Array.isArray(traces)) return notATest('its traces are not a list')
  const line: TestLine = {
    ...(id === undefined ? {} : { id }),
    name,
    file,
    state: state as TestState,
    flaky: fields['flaky'] === true,
    retries: numberOr(fields['retries']),
    error: typeof fields['error'] === 'string' ? fields['error'] : null,
    durationMs: numberOr(fields['durationMs']),
    stats: readUsage(fields['stats']),
    scores: readScores(fields['scores']),
    // Their spans are checked as they are outlined.
    traces: traces as TestLine['traces'],
  }
  return { ok: true, value: line }
}

function notATest(why: string): Result<never> {
  return { ok: false, reason: `is not a test record: ${why}` }
}

function numberOr(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

function fieldsOf(value: unknown): Fields {
  return typeof value === 'object' && value !== null ? (value as Fields) : {}
}

function readUsage(value: unknown): TestLine['stats'] {
  const fields = fieldsOf(value)
  return {
    spans: numberOr(fields['spans']),
    llmCalls: numberOr(fields['llmCalls']),
    promptTokens: numberOr(fields['promptTokens']),
    completionTokens: numberOr(fields['completionTokens']),
    totalTokens: numberOr(fields['totalTokens']),
  }
}

/** Only `mean` is read of each score; a score without a numeric mean is left out. */
function readScores(value: unknown): TestLine['scores'] {
  const scores = Object.entries(fieldsOf(value)).flatMap(([name, stats]) => {
    const mean = fieldsOf(stats)['mean']
    return typeof mean === 'number' && Number.isFinite(mean) ? [[name, { mean }] as const] : []
  })
  return Object.fromEntries(scores)
}
