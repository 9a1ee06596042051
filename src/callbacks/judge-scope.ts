import { AsyncLocalStorage } from 'node:async_hooks'
import type { CallbackHandler } from './callback-handler.js'

/** While a judge runs, the events its owner receives in that async context go to the judge's handler. */
interface JudgeScope {
  readonly owner: object
  readonly judge: CallbackHandler
}

const STORAGE_KEY = Symbol.for('vitest-wandb.judge-scope')

// One storage per process, even when this module is loaded twice through different paths.
function storage(): AsyncLocalStorage<JudgeScope> {
  const holder = globalThis as { [STORAGE_KEY]?: AsyncLocalStorage<JudgeScope> }
  holder[STORAGE_KEY] ??= new AsyncLocalStorage<JudgeScope>()
  return holder[STORAGE_KEY]
}

export function runAsJudge<T>(owner: object, judge: CallbackHandler, fn: () => T): T {
  return storage().run({ owner, judge }, fn)
}

/** The judge that events reaching `owner` in the current async context belong to, if any. */
export function judgeOf(owner: object): CallbackHandler | undefined {
  const scope = storage().getStore()
  return scope?.owner === owner ? scope.judge : undefined
}
