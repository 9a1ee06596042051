import type { Hunk } from '../../../src/compare/hunks.js'

/** Applies hunks to `base` as `patch` would, checking every kept and removed line on the way. */
export function applyHunks(base: readonly string[], hunks: readonly Hunk[]): string[] {
  const result: string[] = []
  let at = 0
  for (const hunk of hunks) {
    const start = hunk.baseLines === 0 ? hunk.baseStart : hunk.baseStart - 1
    if (start < at) throw new Error(`hunk at ${hunk.baseStart} overlaps the one before`)
    result.push(...base.slice(at, start))
    at = start
    for (const line of hunk.lines) {
      const text = line.slice(1)
      if (line.startsWith('+')) {
        result.push(text)
        continue
      }
      if (base[at] !== text) throw new Error(`line ${at + 1} is ${base[at]}, not ${text}`)
      if (line.startsWith(' ')) result.push(text)
      at += 1
    }
  }
  return [...result, ...base.slice(at)]
}
