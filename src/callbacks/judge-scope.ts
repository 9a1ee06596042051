import type { CallbackHandler } from './callback-handler.js'
import { processWideStorage } from './process-storage.js'

/** While a judge runs, the events its owner receives in that async context go to the judge's handler. */
interface JudgeScope {
  readonly owner: object
  readonly judge: CallbackHandler
}

const storage = () => processWideStorage<JudgeScope>('judge-scope')

export function runAsJudge<T>(owner: object, judge: CallbackHandler, fn: () => T): T {
  return storage().run({ owner, judge }, fn)
}

/** The judge that events reaching `owner` in the current async context belong to, if any. */
export function judgeOf(owner: object): CallbackHandler | undefined {
  const scope = storage().getStore()
  return scope?.owner === owner ? scope.judge : undefined
}
