import type { Result } from './result.js'
import type { SessionTotals } from './session-totals.js'
import { readTestLine } from './read-test-line.js'
import type { TestLine } from './test-digest.js'

/** Facts about a session from its header line. */
export interface SessionHeader {
  readonly id: string
  readonly startedAtMs: number
  readonly vitestVersion: string
  readonly gitCommit: string | null
  readonly gitBranch: string | null
}

/** One line of a session file, as a comparison reads it; kinds it does not know are `other`. */
export type SessionLine =
  | { readonly kind: 'session'; readonly version: number; readonly header: SessionHeader }
  | { readonly kind: 'test'; readonly test: TestLine }
  | { readonly kind: 'summary'; readonly totals: SessionTotals }
  | { readonly kind: 'other' }

type Fields = Readonly<Record<string, unknown>>

/** Reads one line; a failure's reason follows the line's place (`line 12 is not JSON`). */
export function readSessionLine(text: string): Result<SessionLine> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, reason: 'is not JSON' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, reason: 'is not a JSON object' }
  const fields = value as Fields
  switch (fields['kind']) {
    case 'session':
      return readHeader(fields)
    case 'test': {
      const test = readTestLine(fields)
      return test.ok ? { ok: true, value: { kind: 'test', test: test.value } } : test
    }
    case 'summary':
      return { ok: true, value: { kind: 'summary', totals: readTotals(fields) } }
    default:
      return { ok: true, value: { kind: 'other' } }
  }
}

function readHeader(fields: Fields): Result<SessionLine> {
  const header: SessionHeader = {
    id: textOr(fields['id'], '?'),
    startedAtMs: numberOr(fields['startedAtMs']),
    vitestVersion: textOr(fields['vitestVersion'], '?'),
    gitCommit: textOr(fields['gitCommit'], null),
    gitBranch: textOr(fields['gitBranch'], null),
  }
  return { ok: true, value: { kind: 'session', version: numberOr(fields['version']), header } }
}

function readTotals(fields: Fields): SessionTotals {
  const listed = typeof fields['scores'] === 'object' ? (fields['scores'] ?? {}) : {}
  const scores = Object.entries(listed).flatMap(([name, score]) => {
    const mean = (score as Fields | null)?.['mean']
    return typeof mean === 'number' && Number.isFinite(mean) ? [[name, mean] as const] : []
  })
  return {
    tests: numberOr(fields['total']),
    passed: numberOr(fields['passed']),
    failed: numberOr(fields['failed']),
    skipped: numberOr(fields['skipped']),
    spans: numberOr(fields['spans']),
    llmCalls: numberOr(fields['llmCalls']),
    promptTokens: numberOr(fields['tokensPrompt']),
    completionTokens: numberOr(fields['tokensCompletion']),
    totalTokens: numberOr(fields['tokensTotal']),
    scores: Object.fromEntries(scores),
  }
}

function numberOr(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

function textOr<T extends string | null>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' ? value : fallback
}
