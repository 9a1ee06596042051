import { CallbackManager } from '../callbacks/callback-manager.js'
import { TestRoutingHandler } from './routing-handler.js'
import { currentTestScope } from './test-scope.js'

const MANAGER_KEY = Symbol.for('vitest-wandb.shared-callback-manager')

/**
 * The process-wide CallbackManager whose events go to the current test's handler: what framework
 * adapters attach to. One per process, however many copies of this module are loaded.
 */
export function sharedCallbackManager(): CallbackManager {
  const holder = globalThis as { [MANAGER_KEY]?: CallbackManager }
  holder[MANAGER_KEY] ??= new CallbackManager([new TestRoutingHandler()], {
    ambientKey: currentTestScope,
  })
  return holder[MANAGER_KEY]
}
