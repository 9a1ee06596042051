/** The trace map: each parent id (or `root`) to the ids started under it, in start order. */
export type TraceMap = ReadonlyMap<string, readonly string[]>

/** What callers may hand in as a trace map: a Map, or a plain object as the seed's Python dict was. */
export type TraceMapInput = TraceMap | Readonly<Record<string, readonly string[]>>

/** The parent id of the trace map's top-level events. */
export const ROOT_PARENT_ID = 'root'

export function toTraceMap(input: TraceMapInput | undefined): TraceMap | undefined {
  if (input === undefined || input === null) return undefined
  if (input instanceof Map) return input
  try {
    return new Map(
      Object.entries(input).filter((entry): entry is [string, string[]] => Array.isArray(entry[1])),
    )
  } catch {
    return undefined
  }
}

/** Child id to parent id, from a trace map; the first parent listed wins. */
export function parentsFromTraceMap(traceMap: TraceMap): Map<string, string> {
  const parentOf = new Map<string, string>()
  for (const [parentId, children] of traceMap) {
    if (!Array.isArray(children)) continue
    for (const child of children) {
      if (typeof child === 'string' && !parentOf.has(child)) parentOf.set(child, parentId)
    }
  }
  return parentOf
}
