import type { ScoreOptions } from '../scores/score-book.js'
import type { ScoreInput } from '../scores/score-value.js'
import { warn } from '../warnings.js'
import { currentTestScope } from './test-scope.js'
import type { TestScope } from './test-scope.js'

const OUTSIDE_A_TEST =
  'score() was called outside a test of a project with the wandb() plugin, so the score is not recorded. Call it inside a test, and add `plugins: [wandb()]` from "vitest-wandb/plugin" to the vitest config.'

/**
 * Records a score of the test whose async context calls it (so it works in shared helpers and
 * under `test.concurrent`). `value` is a finite number, a boolean (1 or 0), or an evaluator's
 * `{ score, passing?, feedback? }`; a value under `options.min` fails the test at its end. Given a
 * function, runs it as a judge: the LLM calls it makes are traced and counted apart from the
 * pipeline's, and what it returns is the value. Bad input is one warning line, never a throw.
 */
function recordScore(name: string, value: ScoreInput, options?: ScoreOptions): void
function recordScore<T extends ScoreInput>(
  name: string,
  judge: () => T | Promise<T>,
  options?: ScoreOptions,
): Promise<T>
function recordScore(name: unknown, value: unknown, options?: unknown): void | Promise<unknown> {
  const scope = currentTestScope()
  if (typeof value === 'function') return judged(scope, name, value as () => unknown, options)
  if (scope === undefined) return warn(OUTSIDE_A_TEST)
  scope.scores.add(name, value, options)
}

/** Records each entry of `values` as a score of its own: `score.all(retrievalMetrics(…))`. */
function recordAll<T extends { readonly [K in keyof T]: ScoreInput }>(
  values: T,
  options?: ScoreOptions,
): void {
  const scope = currentTestScope()
  if (scope === undefined) return warn(OUTSIDE_A_TEST)
  if (typeof values !== 'object' || values === null) {
    return warn(
      `score.all() takes an object of scores by name; got ${String(values)}, so nothing is recorded`,
    )
  }
  let entries: [string, unknown][]
  try {
    entries = Object.entries(values)
  } catch {
    return warn('score.all() could not read the object it was given; nothing is recorded')
  }
  for (const [name, value] of entries) scope.scores.add(name, value, options)
}

async function judged(
  scope: TestScope | undefined,
  name: unknown,
  judge: () => unknown,
  options: unknown,
): Promise<unknown> {
  if (scope === undefined) {
    warn(OUTSIDE_A_TEST)
    return judge()
  }
  const result = await scope.handler.judge(typeof name === 'string' ? name : String(name), judge)
  scope.scores.add(name, result, options)
  return result
}

export const score = Object.assign(recordScore, { all: recordAll })

export type Score = typeof score
