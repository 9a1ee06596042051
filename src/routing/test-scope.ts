import { processWideStorage } from '../callbacks/process-storage.js'
import type { WandbCallbackHandler } from '../handler.js'
import { ScoreBook } from '../scores/score-book.js'
import { warn } from '../warnings.js'

/** The test running in the current async context: the handler its events go to, and its scores. */
export interface TestScope {
  readonly handler: WandbCallbackHandler
  readonly scores: ScoreBook
}

const storage = () => processWideStorage<TestScope>('test-scope')

/** The scope of one run of the test `testName`: its handler, and no scores yet. */
export function newTestScope(handler: WandbCallbackHandler, testName: string): TestScope {
  return { handler, scores: new ScoreBook(testName, warn) }
}

export function runInTestScope<T>(scope: TestScope, fn: () => T): T {
  return storage().run(scope, fn)
}

/** The scope of the test whose async context is running, if any. */
export function currentTestScope(): TestScope | undefined {
  return storage().getStore()
}

/** The handler of the test whose async context is running, if any. */
export function currentTestHandler(): WandbCallbackHandler | undefined {
  return storage().getStore()?.handler
}
