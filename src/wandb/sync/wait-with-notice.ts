import { Deadline } from '../http/deadline.js'

/** A wait on W&B longer than this gets a line saying what it waits for. */
export const SLOW_WAIT_MS = 2_000

/** Runs one step against W&B under its own deadline of `budgetMs`; `what` completes "waiting for W&B to …". */
export type Wait = <T>(
  what: string,
  budgetMs: number,
  step: (deadline: Deadline) => Promise<T>,
) => Promise<T>

/** Waits that say, once a step takes over `slowMs`, what they wait for and how long they may still take. */
export function waitWithNotice(say: (line: string) => void, slowMs = SLOW_WAIT_MS): Wait {
  return async (what, budgetMs, step) => {
    const deadline = new Deadline(budgetMs)
    const notice = setTimeout(() => {
      const seconds = Math.ceil(deadline.remainingMs() / 1000)
      say(`vitest-wandb: waiting for W&B to ${what} (at most ${seconds} s more).`)
    }, slowMs)
    try {
      return await step(deadline)
    } finally {
      clearTimeout(notice)
    }
  }
}
