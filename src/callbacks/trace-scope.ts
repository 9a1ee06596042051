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
  private readonly startsById = new Map<string, number>()
  private readonly openAliases = new Map<string, string[]>()
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
    const seen = this.startsById.get(requestedId) ?? 0
    this.startsById.set(requestedId, seen + 1)
    const id = seen === 0 ? requestedId : `${requestedId}#${seen + 1}`
    if (seen > 0) pushTo(this.openAliases, requestedId, id)
    this.open.add(id)
    if (this.mapped < MAX_MAPPED_EVENTS_PER_TRACE) {
      this.mapped += 1
      pushTo(this.traceMap, this.resolve(parentId) ?? ROOT_PARENT_ID, id)
    }
    return id
  }

  /** The id an end for `requestedId` closes: the latest open event started under that id. */
  resolve(requestedId: string | undefined): string | undefined {
    if (requestedId === undefined) return undefined
    const aliases = this.openAliases.get(requestedId)
    const latest = aliases?.findLast((alias) => this.open.has(alias))
    return latest ?? requestedId
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
