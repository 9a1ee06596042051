const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

export function count(value: number): string {
  return INTEGER.format(value)
}

/** Milliseconds as people read them: `0.42 ms`, `12 ms`, `3.4 s`. */
export function duration(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(0)} s`
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`
  if (ms >= 10) return `${ms.toFixed(0)} ms`
  if (ms >= 1) return `${ms.toFixed(1)} ms`
  return `${ms.toFixed(2)} ms`
}

/** A score: up to three decimals, trailing zeros dropped. */
export function score(value: number): string {
  return String(Number(value.toFixed(3)))
}

/** The size of a change, signed: `+3`, `-0.12`, `±0`. */
export function signed(delta: number, show: (value: number) => string = score): string {
  if (delta === 0) return '±0'
  return delta > 0 ? `+${show(delta)}` : `-${show(-delta)}`
}

export function plural(value: number, one: string, many = `${one}s`): string {
  return `${count(value)} ${value === 1 ? one : many}`
}

export function when(ms: number): string {
  if (ms <= 0) return 'unknown time'
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' })
}

export function shortCommit(commit: string): string {
  return /^[0-9a-f]{40}$/i.test(commit) ? commit.slice(0, 10) : commit
}
