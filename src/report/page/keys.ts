/**
 * Where a key moves the cursor of a list of `count` rows, `pageRows` to a screen; undefined for
 * keys that do not move it. From no cursor (-1), the first move lands on the first row.
 */
export function movedTo(
  key: string,
  current: number,
  count: number,
  pageRows: number,
): number | undefined {
  if (count === 0) return undefined
  const clamp = (index: number): number => Math.min(count - 1, Math.max(0, index))
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : clamp(current + 1)
    case 'ArrowUp':
      return current < 0 ? 0 : clamp(current - 1)
    case 'PageDown':
      return clamp(current + pageRows)
    case 'PageUp':
      return clamp(current - pageRows)
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return undefined
  }
}
