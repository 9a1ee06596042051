import type { JsonItem } from './records.js'

/** Items of a history, summary or config record as one object, each value parsed from its JSON. */
export function itemsObject(items: readonly JsonItem[]): Record<string, unknown> {
  return Object.fromEntries(items.map((item) => [item.key ?? '', parseItem(item)]))
}

/** An item's value; text that is not JSON is kept as the text. */
export function parseItem(item: JsonItem): unknown {
  try {
    return JSON.parse(item.valueJson ?? 'null')
  } catch {
    return item.valueJson ?? null
  }
}
