import type { EventPayloadRecord } from '../../events/event-payload.js'
import type { JsonObject, JsonValue } from '../../json.js'
import type { PayloadLimits } from '../limits.js'
import { toSafeJson, toSafeJsonPicking } from '../safe-json.js'

/**
 * A bounded JSON copy of a payload with some keys replaced by summaries. The caller's payload is
 * only read: the seed popped keys off it, this builds a new object instead.
 */
export function summarizePayload(
  payload: EventPayloadRecord | undefined,
  limits: PayloadLimits,
  replacements?: Readonly<Record<string, JsonValue | undefined>>,
): JsonObject | null {
  if (payload === undefined || payload === null) return null
  if (typeof payload !== 'object' || Array.isArray(payload))
    return { value: toSafeJson(payload, limits) }
  const keys = ownKeys(payload)
  if (replacements === undefined) return toSafeJsonPicking(payload, keys, limits)
  const kept = keys.filter((key) => !Object.hasOwn(replacements, key))
  const out = toSafeJsonPicking(payload, kept, limits)
  for (const key of Object.keys(replacements)) {
    const value = replacements[key]
    if (value !== undefined) out[key] = value
  }
  return out
}

function ownKeys(payload: object): string[] {
  try {
    return Object.keys(payload)
  } catch {
    return []
  }
}
