/** Reads `key` of an unknown value; whatever a hostile getter or proxy does, the answer is a value or undefined. */
export function readKey(value: unknown, key: PropertyKey): unknown {
  if (typeof value !== 'object' || value === null) return undefined
  try {
    return Reflect.get(value, key)
  } catch {
    return undefined
  }
}

/** The first of `keys` that holds a value other than undefined or null. */
export function readFirst(value: unknown, keys: readonly string[]): unknown {
  for (const key of keys) {
    const found = readKey(value, key)
    if (found !== undefined && found !== null) return found
  }
  return undefined
}

/** `Array.isArray` that survives a revoked proxy, which makes it throw. */
export function isList(value: unknown): value is readonly unknown[] {
  try {
    return Array.isArray(value)
  } catch {
    return false
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `String(value)` that survives a throwing `toString`. */
export function stringOf(value: unknown): string {
  try {
    return String(value)
  } catch {
    return '[unprintable value]'
  }
}
