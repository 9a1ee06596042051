const NUMBER = new Intl.NumberFormat('en-US')

/** `1 row`, `1,200 rows`: a count with its noun, plural when it is not one. */
export function countLabel(value: number, noun: string): string {
  return `${NUMBER.format(value)} ${noun}${value === 1 ? '' : 's'}`
}
