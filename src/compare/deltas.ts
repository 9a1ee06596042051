import type { Delta, MaybeDelta } from './comparison.js'

export function delta(base: number, head: number): Delta {
  return { base, head, delta: head - base }
}

export function maybeDelta(
  base: number | null | undefined,
  head: number | null | undefined,
): MaybeDelta {
  const b = base ?? null
  const h = head ?? null
  return { base: b, head: h, delta: b === null || h === null ? null : h - b }
}

/** Each name either side has, sorted, with its values. */
export function namedDeltas(
  base: Readonly<Record<string, number>>,
  head: Readonly<Record<string, number>>,
): Record<string, MaybeDelta> {
  const names = [...new Set([...Object.keys(base), ...Object.keys(head)])].sort()
  return Object.fromEntries(
    names.map((name) => [name, maybeDelta(valueOf(base, name), valueOf(head, name))]),
  )
}

function valueOf(values: Readonly<Record<string, number>>, name: string): number | null {
  return Object.hasOwn(values, name) ? (values[name] ?? null) : null
}
