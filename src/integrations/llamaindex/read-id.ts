import { readKey } from '../../trace/read.js'

/** An event id as a string: LlamaIndex uses UUIDs, tool calls use whatever the provider sent. */
export function idString(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined
}

export function idAt(value: unknown, key: string): string | undefined {
  return idString(readKey(value, key))
}
