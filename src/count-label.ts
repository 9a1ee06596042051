const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g

/**
 * `1,200`: a count as a reader takes it in, grouped as en-US does. Not `Intl.NumberFormat`: building
 * one loads locale data, about 10 ms that would hold back the Vitest config or the closing summary.
 */
export function formatCount(value: number): string {
  if (!Number.isSafeInteger(value)) return String(value)
  return String(value).replace(THOUSANDS, ',')
}

/** `1 row`, `1,200 rows`: a count with its noun, plural when it is not one. */
export function countLabel(value: number, noun: string): string {
  return `${formatCount(value)} ${noun}${value === 1 ? '' : 's'}`
}
