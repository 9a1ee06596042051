import type { CBEvent } from '../events/cb-event.js'

/** The most spans one trace records; later starts (and their ends) are counted, not kept. */
export const DEFAULT_MAX_SPANS_PER_TRACE = 100_000

/** Events of one trace instance, gathered until the trace ends. */
export class TraceBuffer {
  readonly events: CBEvent[] = []
  droppedSpans = 0
  private spans = 0
  // Made when the first start is dropped.
  private droppedIds: Set<string> | undefined

  constructor(
    readonly traceId: string,
    readonly startMs: number,
    private readonly maxSpans: number,
  ) {}

  add(event: CBEvent): void {
    if (event.phase === 'end') {
      if (this.droppedIds?.delete(event.id) !== true) this.events.push(event)
      return
    }
    if (this.spans >= this.maxSpans) {
      this.droppedSpans += 1
      this.droppedIds ??= new Set()
      if (this.droppedIds.size < this.maxSpans) this.droppedIds.add(event.id)
      return
    }
    this.spans += 1
    this.events.push(event)
  }
}
