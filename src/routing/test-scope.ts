import { AsyncLocalStorage } from 'node:async_hooks'
import type { WandbCallbackHandler } from '../handler.js'

/** The test running in the current async context, and the handler its events go to. */
export interface TestScope {
  readonly handler: WandbCallbackHandler
}

const STORAGE_KEY = Symbol.for('vitest-wandb.test-scope')

// One storage per process, even if this module is loaded twice (setup file and test file may
// resolve it through different paths): the setup file opens scopes that the fixture must see.
function storage(): AsyncLocalStorage<TestScope> {
  const holder = globalThis as { [STORAGE_KEY]?: AsyncLocalStorage<TestScope> }
  holder[STORAGE_KEY] ??= new AsyncLocalStorage<TestScope>()
  return holder[STORAGE_KEY]
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
