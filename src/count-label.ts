const NUMBER = new Intl.NumberFormat('en-US')

/** `1,200`: a count as a reader takes it in. */
export function formatCount(value: number): string {
  return NUMBER.format(value)
}

/** `1 row`, `1,200 rows`: a count with its noun, plural when it is not one. */
export function countLabel(value: number, noun: string): string {
  return `${formatCount(value)} ${noun}${value === 1 ? '' : 's'}`
}
