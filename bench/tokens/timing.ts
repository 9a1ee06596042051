import { collectGarbage } from '../measure.js'
import type { CountingArm } from './arms.js'

export interface Timed {
  readonly ms: number
  readonly tokens: number
}

/** One count of `text` by `arm`, after a full collection. */
export function timeCount(arm: CountingArm, text: string): Timed {
  collectGarbage()
  const startedAt = performance.now()
  const tokens = arm.count(text)
  return { ms: performance.now() - startedAt, tokens }
}

/** The one token count of `timed`; the benchmark stops when counts that must agree differ. */
export function agreedCount(what: string, timed: readonly Timed[]): number {
  const counts = [...new Set(timed.map((each) => each.tokens))]
  if (counts.length !== 1) throw new Error(`${what}: the token counts differ: ${counts.join(', ')}`)
  return counts[0] as number
}
