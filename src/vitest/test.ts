import { expect as vitestExpect, test as vitestTest } from 'vitest'
import { WandbCallbackHandler } from '../handler.js'
import { warn } from '../warnings.js'
import { registerSpanMatchers } from './span-snapshot/register.js'
import type { SpanSnapshotMatchers } from './span-snapshot/matchers.js'
import { currentTestHandler } from '../routing/test-scope.js'
import { score } from '../routing/score.js'
import type { Score } from '../routing/score.js'

registerSpanMatchers()

export interface WandbFixtures {
  /** This test's callback handler: its traces are reported with the test's outcome. */
  handler: WandbCallbackHandler
  /** Records a score of this test (see `score` from 'vitest-wandb/test'). */
  score: Score
}

/** Vitest's `test` with a `handler` fixture: a fresh WandbCallbackHandler for each test and each retry. */
export const test = vitestTest.extend<WandbFixtures>({
  // Vitest reads the fixture's first parameter to find its dependencies: it must be a pattern.
  // eslint-disable-next-line no-empty-pattern
  handler: async ({}, use) => {
    await use(currentTestHandler() ?? standaloneHandler())
  },
  // eslint-disable-next-line no-empty-pattern
  score: async ({}, use) => {
    await use(score)
  },
})

export const it = test

type VitestAssertion<T> = ReturnType<typeof vitestExpect<T>>

/** Vitest's `expect`, typed with the span snapshot matchers (for Vitest 4 and 5 alike). */
export const expect = vitestExpect as (<T>(
  actual: T,
  message?: string,
) => VitestAssertion<T> & SpanSnapshotMatchers) &
  typeof vitestExpect

export { sharedCallbackManager } from '../routing/shared-callback-manager.js'
export { score } from '../routing/score.js'
// Also here, for test files that score retrieval without loading the package's main entry.
export { retrievalMetrics } from '../evaluation/retrieval-metrics.js'
export type { RetrievalMetrics, RetrievalMetricsOptions } from '../evaluation/retrieval-metrics.js'
export { retrievedNodeIds } from '../evaluation/retrieved-node-ids.js'
export type { Score } from '../routing/score.js'
export type { ScoreOptions } from '../scores/score-book.js'
export type { EvaluationResultLike, ScoreInput } from '../scores/score-value.js'
export { describe, beforeAll, beforeEach, afterAll, afterEach, vi } from 'vitest'

function standaloneHandler(): WandbCallbackHandler {
  warn(
    'the wandb() plugin is not in this project\'s vitest config, so traces stay in handler.traces and are not reported. Add `plugins: [wandb()]` from "vitest-wandb/plugin" to report them.',
  )
  return new WandbCallbackHandler()
}
