import { ROOT_PARENT_ID } from '../trace/trace-map.js'

/** The most events one trace records in its map; past it events still reach handlers, which count them. */
export const MAX_MAPPED_EVENTS_PER_TRACE = 100_000

let traceCount = 0

/** One trace instance as the manager sees it: its map of parents to children, and its open events. */
export class TraceScope {
  readonly key: string
  readonly traceMap = new Map<string, string[]>()
  /** Nested `startTrace` calls still open; the trace ends when this drops to zero. */
  depth = 1
  /** What events of this trace already ended with as an EXCEPTION, so `asTrace` records it once. */
  readonly recordedErrors = new Set<unknown>()
  private readonly startsById = new Map<string, number>()
  /** Ids made up for repeated ids, which a later start may ask for (`a`, `a`, `a#2`). */
  private madeUpIds: Set<string> | undefined
  // Made on the first repeated id, as the set above: most traces have none.
  private openAliases: Map<string, string[]> | undefined
  private readonly open = new Set<string>()
  private mapped = 0

  constructor(
    readonly traceId: string,
    readonly implicit: boolean,
  ) {
    traceCount += 1
    this.key = `${traceId}#${traceCount}`
  }

  /** Registers a start under `parentId`; a repeated id gets a unique one (`id#2`), which is returned. */
  start(requestedId: string, parentId: string | undefined): string {
    // Resolved before the new alias exists: a child may reuse its parent's id.
    const parent = this.resolve(parentId) ?? ROOT_PARENT_ID
    const seen = this.startsById.get(requestedId) ?? 0
    this.startsById.set(requestedId, seen + 1)
    const id =
      seen === 0 && this.madeUpIds?.has(requestedId) !== true
        ? requestedId
        : this.freeId(requestedId, seen + 1)
    if (id !== requestedId) pushTo((this.openAliases ??= new Map()), requestedId, id)
    this.open.add(id)
    if (this.mapped < MAX_MAPPED_EVENTS_PER_TRACE) {
      this.mapped += 1
      pushTo(this.traceMap, parent, id)
    }
    return id
  }

  /** The id an end for `requestedId` closes: the latest open event started under that id. */
  resolve(requestedId: string | undefined): string | undefined {
    if (requestedId === undefined || this.openAliases === undefined) return requestedId
    const aliases = this.openAliases.get(requestedId)
    const latest = aliases?.findLast((alias) => this.open.has(alias))
    return latest ?? requestedId
  }

  private freeId(requestedId: string, from: number): string {
    const madeUpIds = (this.madeUpIds ??= new Set())
    for (let count = Math.max(from, 2); ; count += 1) {
      const id = `${requestedId}#${count}`
      if (!this.startsById.has(id) && !madeUpIds.has(id)) {
        madeUpIds.add(id)
        return id
      }
    }
  }

  /** Registers an end; says whether the trace has no open event left. */
  end(id: string): boolean {
    this.open.delete(id)
    return this.open.size === 0
  }
}

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}
