/** The longest the client waits on W&B at any one point, unless told otherwise. */
export const DEFAULT_TIMEOUT_MS = 30_000

/** A point in time after which no more waiting is allowed. */
export class Deadline {
  private readonly atMs: number

  constructor(
    budgetMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.atMs = now() + budgetMs
  }

  remainingMs(): number {
    return Math.max(0, this.atMs - this.now())
  }

  expired(): boolean {
    return this.remainingMs() === 0
  }
}
