import type { JsonObject, JsonValue } from '../json.js'
import type { PayloadLimits } from './limits.js'
import { truncateText } from './truncate.js'

/**
 * Turns any value into bounded, JSON-safe data without touching the original: BigInt, cycles,
 * functions, symbols, Errors, Maps, Sets, class instances and throwing getters all become plain values.
 */
export function toSafeJson(value: unknown, limits: PayloadLimits): JsonValue {
  return convert(value, limits, ancestorStack())
}

/** Like `toSafeJson` for an object, keeping only `keys` of it. */
export function toSafeJsonPicking(
  value: object,
  keys: readonly string[],
  limits: PayloadLimits,
): JsonObject {
  const ancestors = ancestorStack()
  ancestors.push(value)
  try {
    return convertEntries(keys, value, readProperty, limits, ancestors)
  } finally {
    ancestors.pop()
  }
}

// Every copy pushes and pops its way back to an empty stack, so copies share one; a copy started
// while another is under way (from a getter that one reads) finds it in use and takes its own.
const sharedAncestors: object[] = []

function ancestorStack(): object[] {
  return sharedAncestors.length === 0 ? sharedAncestors : []
}

function convert(value: unknown, limits: PayloadLimits, ancestors: object[]): JsonValue {
  switch (typeof value) {
    case 'string':
      return truncateText(value, limits.maxChars)
    case 'number':
      // -0 would come back from JSON as 0.
      return Number.isFinite(value) ? value + 0 : String(value)
    case 'boolean':
      return value
    case 'bigint':
      return truncateText(`${value.toString()}n`, limits.maxChars)
    case 'undefined':
      return null
    case 'symbol':
      return truncateText(value.toString(), limits.maxChars)
    case 'function':
      return tag('[Function ', functionName(value), ']', limits)
    default:
      return value === null || value === undefined ? null : convertObject(value, limits, ancestors)
  }
}

function convertObject(value: object, limits: PayloadLimits, ancestors: object[]): JsonValue {
  if (ancestors.includes(value)) return '[Circular]'
  if (ancestors.length >= limits.maxDepth)
    return tag('[', className(value), ': nested too deep]', limits)
  ancestors.push(value)
  try {
    return convertByShape(value, limits, ancestors)
  } catch {
    return tag('[Unserializable ', className(value), ']', limits)
  } finally {
    ancestors.pop()
  }
}

function convertByShape(value: object, limits: PayloadLimits, ancestors: object[]): JsonValue {
  if (Array.isArray(value)) return convertItems(value, limits, ancestors)
  if (isPlainObject(value)) return convertPlainObject(value, limits, ancestors)
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
  if (value instanceof Error) return convertError(value, limits, ancestors)
  if (value instanceof Map) return convertMap(value, limits, ancestors)
  if (value instanceof Set) return convertItems(value, limits, ancestors)
  if (ArrayBuffer.isView(value))
    return tag('[', className(value), ` of ${value.byteLength} bytes]`, limits)
  if (value instanceof ArrayBuffer) return `[ArrayBuffer of ${value.byteLength} bytes]`
  if (value instanceof RegExp) return truncateText(value.toString(), limits.maxChars)
  if (value instanceof WeakMap || value instanceof WeakSet || value instanceof Promise) {
    return tag('[', className(value), ']', limits)
  }
  return convertPlainObject(value, limits, ancestors)
}

// Most payload values are plain objects: they skip the built-in checks, none of which could match.
function isPlainObject(value: object): boolean {
  if (ArrayBuffer.isView(value)) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

function convertPlainObject(value: object, limits: PayloadLimits, ancestors: object[]): JsonObject {
  return convertEntries(Object.keys(value), value, readProperty, limits, ancestors)
}

function convertItems(
  items: Iterable<unknown>,
  limits: PayloadLimits,
  ancestors: object[],
): JsonValue[] {
  const out: JsonValue[] = []
  let skipped = 0
  for (const item of items) {
    if (out.length < limits.maxItems) out.push(convert(item, limits, ancestors))
    else skipped += 1
  }
  if (skipped > 0) out.push(`[${skipped} more items]`)
  return out
}

function convertMap(
  map: Map<unknown, unknown>,
  limits: PayloadLimits,
  ancestors: object[],
): JsonValue {
  const keys = [...map.keys()]
  const named = new Map(keys.map((key) => [keyName(key), key]))
  return convertEntries([...named.keys()], { map, named }, readMapEntry, limits, ancestors)
}

// Shared readers rather than a closure per copied object: copies of large payloads make many objects.
type EntryReader<Source> = (source: Source, key: string) => unknown

interface NamedMap {
  readonly map: Map<unknown, unknown>
  /** Each key's name in the copy, to the key itself. */
  readonly named: Map<string, unknown>
}

const readProperty: EntryReader<object> = (source, key) => Reflect.get(source, key)
const readMapEntry: EntryReader<NamedMap> = ({ map, named }, name) => map.get(named.get(name))

function convertEntries<Source>(
  keys: readonly string[],
  source: Source,
  read: EntryReader<Source>,
  limits: PayloadLimits,
  ancestors: object[],
): JsonObject {
  const out: JsonObject = {}
  const kept = keys.length > limits.maxKeys ? keys.slice(0, limits.maxKeys) : keys
  for (const key of kept) {
    const converted = readSafely(key, source, read, limits, ancestors)
    if (converted !== undefined) defineKey(out, truncateText(key, limits.maxChars), converted)
  }
  if (keys.length > kept.length) defineKey(out, '…', `[${keys.length - kept.length} more keys]`)
  return out
}

function readSafely<Source>(
  key: string,
  source: Source,
  read: EntryReader<Source>,
  limits: PayloadLimits,
  ancestors: object[],
): JsonValue | undefined {
  let raw: unknown
  try {
    raw = read(source, key)
  } catch {
    return '[Unreadable]'
  }
  return raw === undefined ? undefined : convert(raw, limits, ancestors)
}

function convertError(error: Error, limits: PayloadLimits, ancestors: object[]): JsonObject {
  const out: JsonObject = {
    name: convert(error.name, limits, ancestors),
    message: convert(error.message, limits, ancestors),
  }
  if (typeof error.stack === 'string') out['stack'] = truncateText(error.stack, limits.maxChars)
  if (error.cause !== undefined) out['cause'] = convert(error.cause, limits, ancestors)
  return out
}

// Plain assignment of "__proto__" would change the prototype instead of adding a key.
function defineKey(target: JsonObject, key: string, value: JsonValue): void {
  if (key !== '__proto__') target[key] = value
  else
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
}

function functionName(fn: Function): string {
  try {
    const name: unknown = fn.name
    return typeof name === 'string' && name !== '' ? name : 'anonymous'
  } catch {
    return 'anonymous'
  }
}

function keyName(key: unknown): string {
  if (typeof key === 'string') return key
  if (typeof key === 'symbol') return key.toString()
  if (typeof key === 'object' && key !== null) return `[${className(key)}]`
  return String(key)
}

// A tag keeps its fixed text whole; the name in it, which the payload chose, is cut so that the
// whole tag fits the limit.
function tag(prefix: string, name: string, suffix: string, limits: PayloadLimits): string {
  const room = Math.max(1, limits.maxChars - prefix.length - suffix.length)
  return `${prefix}${truncateText(name, room)}${suffix}`
}

function className(value: object): string {
  try {
    const name: unknown = Object.getPrototypeOf(value)?.constructor?.name
    return typeof name === 'string' && name !== '' ? name : 'Object'
  } catch {
    return 'Object'
  }
}
