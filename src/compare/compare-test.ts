import type { ChangeKind, CompareOptions, DurationNoise, TestComparison } from './comparison.js'
import { CHANGE_KINDS } from './comparison.js'
import { maybeDelta, namedDeltas } from './deltas.js'
import { outlineChange } from './outline-change.js'
import type { TestDigest } from './test-digest.js'

const NO_SCORES: Readonly<Record<string, number>> = {}

/** How one test differs between the sessions; at least one side has it. */
export function compareTest(
  base: TestDigest | undefined,
  head: TestDigest | undefined,
  options: CompareOptions,
): TestComparison {
  const either = (head ?? base) as TestDigest
  const ranInBoth = ran(base) && ran(head)
  const outline = ranInBoth ? outlineChange(base?.outline ?? '', head?.outline ?? '') : null
  const usage = (key: keyof TestDigest['usage']) => maybeDelta(base?.usage[key], head?.usage[key])
  const comparison: TestComparison = {
    id: either.id,
    file: either.file,
    name: either.name,
    change: [],
    state: { base: base?.state ?? null, head: head?.state ?? null },
    flaky: { base: base?.flaky ?? null, head: head?.flaky ?? null },
    error: { base: base?.error ?? null, head: head?.error ?? null },
    outline,
    llmCalls: usage('llmCalls'),
    tokens: {
      prompt: usage('promptTokens'),
      completion: usage('completionTokens'),
      total: usage('totalTokens'),
    },
    scores: namedDeltas(base?.scores ?? NO_SCORES, head?.scores ?? NO_SCORES),
    durationMs: maybeDelta(base?.durationMs, head?.durationMs),
  }
  const kinds = new Set([...outcomeChanges(base, head), ...metricChanges(comparison, options)])
  return { ...comparison, change: CHANGE_KINDS.filter((kind) => kinds.has(kind)) }
}

function ran(test: TestDigest | undefined): test is TestDigest {
  return test !== undefined && test.state !== 'skipped'
}

function outcomeChanges(base: TestDigest | undefined, head: TestDigest | undefined): ChangeKind[] {
  if (base === undefined) return ['added']
  if (head === undefined) return ['removed']
  const kinds: ChangeKind[] = []
  if (base.state === 'passed' && head.state === 'failed') kinds.push('passed-to-failed')
  if (base.state === 'failed' && head.state === 'passed') kinds.push('failed-to-passed')
  if (ran(base) && !ran(head)) kinds.push('run-to-skipped')
  if (!ran(base) && ran(head)) kinds.push('skipped-to-run')
  if (ran(base) && ran(head) && base.flaky !== head.flaky)
    kinds.push(head.flaky ? 'newly-flaky' : 'no-longer-flaky')
  return kinds
}

function metricChanges(test: TestComparison, options: CompareOptions): ChangeKind[] {
  if (test.state.base === 'skipped' || test.state.head === 'skipped') return []
  if (test.state.base === null || test.state.head === null) return []
  const kinds: ChangeKind[] = []
  if (test.outline !== null) kinds.push('outline')
  if (test.llmCalls.delta !== 0) kinds.push('llm-calls')
  if (Object.values(test.tokens).some((tokens) => tokens.delta !== 0)) kinds.push('tokens')
  if (Object.values(test.scores).some((score) => score.delta !== 0)) kinds.push('scores')
  const { base, head } = test.durationMs
  if (base !== null && head !== null && noticeable(base, head, options.durationNoise))
    kinds.push('duration')
  return kinds
}

/** Past the noise: one side took more than (1 + ratio) times the other, and more than minMs apart. */
export function noticeable(baseMs: number, headMs: number, noise: DurationNoise): boolean {
  const apart = Math.abs(headMs - baseMs)
  return apart > noise.minMs && apart > noise.ratio * Math.min(baseMs, headMs)
}
