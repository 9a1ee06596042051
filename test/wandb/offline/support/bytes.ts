/**
 * Where two byte strings first differ (a length difference counts at the shorter length), or
 * undefined when they are equal: cheap on large buffers, and the failure names the offset.
 */
export function firstDifference(actual: Uint8Array, expected: Uint8Array): number | undefined {
  const length = Math.min(actual.length, expected.length)
  for (let i = 0; i < length; i++) if (actual[i] !== expected[i]) return i
  return actual.length === expected.length ? undefined : length
}

/** One line per payload that differs from the expected one; empty when all match. */
export function payloadDifferences(actual: Uint8Array[], expected: Uint8Array[]): string[] {
  const problems: string[] = []
  if (actual.length !== expected.length) {
    problems.push(`${actual.length} payloads instead of ${expected.length}`)
  }
  expected.forEach((payload, i) => {
    const other = actual[i]
    const at = other && firstDifference(other, payload)
    if (!other) problems.push(`payload ${i} is missing`)
    else if (at !== undefined) problems.push(`payload ${i} differs at byte ${at}`)
  })
  return problems
}
