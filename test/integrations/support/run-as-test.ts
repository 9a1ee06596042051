import { WandbCallbackHandler } from '../../../src/handler.js'
import { newTestScope, runInTestScope } from '../../../src/routing/test-scope.js'

/** Lets LlamaIndex.TS deliver the events it queued (it sends each in a microtask). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** What a test run left: its handler, and how many traces had ended before the test did. */
export interface TestRun<T> {
  readonly handler: WandbCallbackHandler
  readonly result: T
  readonly tracesEndedByThemselves: number
}

/**
 * Runs `body` as the harness runs a test: inside a test scope with a fresh handler, which is
 * finished at the end (closing spans still open as ERROR). A rejection of `body` is returned as its result.
 */
export async function runAsTest<T>(body: () => Promise<T>): Promise<TestRun<T | Error>> {
  const handler = new WandbCallbackHandler()
  const result = await runInTestScope(newTestScope(handler, 'a test'), async () => {
    try {
      return await body()
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error))
    } finally {
      await settle()
    }
  })
  const tracesEndedByThemselves = handler.traces.length
  await handler.finish()
  return { handler, result, tracesEndedByThemselves }
}
