import type { TraceTree } from './span.js'

/** Where finished trace trees go. `export` must not throw; `shutdown` is idempotent. */
export interface TraceSink {
  export(trace: TraceTree): void
  forceFlush?(): Promise<void>
  shutdown(): Promise<void>
}

export const DEFAULT_KEPT_TRACES = 1000

/** Keeps finished traces in memory, the newest `capacity` of them: what `handler.traces` reads. */
export class InMemoryTraceSink implements TraceSink {
  private kept: TraceTree[] = []
  private droppedCount = 0

  constructor(private readonly capacity: number = DEFAULT_KEPT_TRACES) {}

  export(trace: TraceTree): void {
    this.kept.push(trace)
    if (this.kept.length > this.capacity) {
      this.kept.shift()
      this.droppedCount += 1
    }
  }

  get traces(): readonly TraceTree[] {
    return this.kept
  }

  /** Traces pushed out because more than `capacity` were kept. */
  get dropped(): number {
    return this.droppedCount
  }

  reset(): void {
    this.kept = []
    this.droppedCount = 0
  }

  async shutdown(): Promise<void> {}
}
