import { formatCount } from '../count-label.js'

/** A count: `1,200`; a missing value: `—`. */
export function countText(value: number | null): string {
  return value === null ? '—' : formatCount(value)
}

/** A score as people read one: at most three decimals (`0.9`, `0.667`, `12`). */
export function scoreText(value: number | null): string {
  if (value === null) return '—'
  const rounded = Number(value.toFixed(3))
  return String(rounded === 0 ? 0 : rounded)
}

export function percentText(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`
}

export function durationText(ms: number | null): string {
  if (ms === null) return '—'
  return Math.abs(ms) < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(1)} s`
}

/**
 * A change with its sign (`+150`, `-0.1`; `+0` for one too small to show); empty when nothing
 * changed, `new` or `gone` when one side lacks the value.
 */
export function deltaText(
  change: { base: number | null; head: number | null; delta: number | null },
  format: (value: number) => string,
): string {
  if (change.base === null) return change.head === null ? '' : 'new'
  if (change.head === null) return 'gone'
  const delta = change.delta ?? 0
  if (delta === 0) return ''
  return `${delta > 0 ? '+' : '-'}${format(Math.abs(delta))}`
}

/** A difference of two rates, in percentage points: `33.3 pts`. */
export function pointsText(value: number): string {
  return `${(value * 100).toFixed(1)} pts`
}
