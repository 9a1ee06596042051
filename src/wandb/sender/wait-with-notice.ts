import { Deadline } from '../http/deadline.js'
import { SLOW_WAIT_NOTICE_MS, withSlowWaitNotice } from '../slow-wait-notice.js'

/** Runs one step against W&B under its own deadline of `budgetMs`; `what` completes "waiting for W&B to …". */
export type Wait = <T>(
  what: string,
  budgetMs: number,
  step: (deadline: Deadline) => Promise<T>,
) => Promise<T>

/** Waits that say, once a step takes over `slowMs`, what they wait for and how long they may still take. */
export function waitWithNotice(say: (line: string) => void, slowMs = SLOW_WAIT_NOTICE_MS): Wait {
  return (what, budgetMs, step) => {
    const deadline = new Deadline(budgetMs)
    return withSlowWaitNotice(step(deadline), { what, deadline, announce: say }, slowMs)
  }
}
