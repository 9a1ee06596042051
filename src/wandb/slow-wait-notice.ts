import type { Deadline } from './http/deadline.js'

/** How long a wait on W&B goes without a word: most are over well before. */
export const SLOW_WAIT_NOTICE_MS = 2_000

export interface SlowWait {
  /** What is awaited, as in "waiting for W&B to …": e.g. `finish the run`. */
  readonly what: string
  /** When the wait gives up. */
  readonly deadline: Deadline
  readonly announce: (line: string) => void
}

/**
 * Awaits `waiting`; if it is still pending after 2 s, says once what it waits for and how much
 * longer it may take, so a quiet terminal does not look hung.
 */
export async function withSlowWaitNotice<T>(
  waiting: Promise<T>,
  wait: SlowWait,
  noticeAfterMs = SLOW_WAIT_NOTICE_MS,
): Promise<T> {
  const timer = setTimeout(() => announceWait(wait), noticeAfterMs)
  try {
    return await waiting
  } finally {
    clearTimeout(timer)
  }
}

function announceWait({ what, deadline, announce }: SlowWait): void {
  const leftS = Math.ceil(deadline.remainingMs() / 1000)
  if (leftS === 0) return
  try {
    announce(`vitest-wandb: waiting for W&B to ${what} (up to ${leftS} s more)…`)
  } catch {
    // Called from a timer: a throw here would be an uncaught exception in the test run.
  }
}
