import type {
  LlamaIndexCallbackManager,
  LlamaIndexEventCaller,
  LlamaIndexListener,
  SpanTarget,
} from '../../../src/integrations/llamaindex.js'

/** A LlamaIndex-shaped callback manager that delivers at once, with the caller the test names. */
export class FakeLlamaIndexManager implements LlamaIndexCallbackManager {
  private readonly listeners = new Map<string, LlamaIndexListener[]>()

  on(event: string, listener: LlamaIndexListener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }

  off(event: string, listener: LlamaIndexListener): this {
    const remaining = (this.listeners.get(event) ?? []).filter((each) => each !== listener)
    if (remaining.length === 0) this.listeners.delete(event)
    else this.listeners.set(event, remaining)
    return this
  }

  dispatchEvent(event: string, detail: object): void {
    this.send(event, detail)
  }

  send(event: string, detail: unknown, reason: LlamaIndexEventCaller | null = null): void {
    for (const listener of this.listeners.get(event) ?? []) listener({ detail, reason })
  }

  /** Listeners per event name. */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.listeners].map(([event, list]) => [event, list.length]))
  }
}

export function caller(
  id: string,
  parent: LlamaIndexEventCaller | null = null,
): LlamaIndexEventCaller {
  return { id, parent }
}

export type TargetCall =
  | { phase: 'start'; type: string; id: string; parent: string | undefined; payload: unknown }
  | { phase: 'end'; type: string; id: string | undefined; payload: unknown }

/** A span target that numbers spans s1, s2, … and writes down every call. */
export class RecordingTarget implements SpanTarget {
  readonly calls: TargetCall[] = []
  private started = 0

  onEventStart(type: string, payload?: unknown, _eventId?: string, parent?: string): string {
    this.started += 1
    const id = `s${this.started}`
    this.calls.push({ phase: 'start', type, id, parent, payload })
    return id
  }

  onEventEnd(type: string, payload?: unknown, id?: string): void {
    this.calls.push({ phase: 'end', type, id, payload })
  }

  /** The calls as `start llm s1<root`, `end llm s1`: order, types, ids and parents at a glance. */
  lines(): string[] {
    return this.calls.map((call) =>
      call.phase === 'start'
        ? `start ${call.type} ${call.id}<${call.parent ?? '?'}`
        : `end ${call.type} ${call.id ?? '?'}`,
    )
  }
}
