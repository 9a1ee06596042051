import { isDeepStrictEqual } from 'node:util'
import { isRecord, type FakeRun } from './runs-store.js'

/**
 * The part of W&B's Mongo-style run filters that vitest-wandb sends: `$and` of filters, and
 * equality on `state` or on a config value (`config.<key>.value`); several keys in one object must
 * all match. Anything else throws, so a client sending more is noticed rather than answered wrongly.
 */
export function runMatches(run: FakeRun, filter: unknown): boolean {
  if (!isRecord(filter))
    throw new Error(`runs: a filter must be a JSON object, got ${show(filter)}`)
  return Object.entries(filter).every(([key, wanted]) => matchesKey(run, key, wanted))
}

function matchesKey(run: FakeRun, key: string, wanted: unknown): boolean {
  if (key === '$and') {
    if (!Array.isArray(wanted)) throw new Error(`runs: $and takes a list, got ${show(wanted)}`)
    return wanted.every((part) => runMatches(run, part))
  }
  if (isRecord(wanted)) throw new Error(`runs: the fake knows no operator in ${show(wanted)}`)
  if (key === 'state') return run.wandbState === wanted
  const configKey = /^config\.(.+)\.value$/.exec(key)?.[1]
  if (configKey !== undefined) return isDeepStrictEqual(run.configValues[configKey], wanted)
  throw new Error(`runs: the fake cannot filter on ${key}`)
}

/** Runs in W&B's `order`: `created_at` (or `+created_at`, the default) or `-created_at`. */
export function orderRuns(runs: readonly FakeRun[], order: string | null | undefined): FakeRun[] {
  const byCreation = [...runs].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  if (order === null || order === undefined || /^\+?created_at$/.test(order)) return byCreation
  if (order === '-created_at') return byCreation.reverse()
  throw new Error(`runs: the fake cannot order by ${order}`)
}

/** The runs of a project that pass `filters` (a JSON string, as W&B takes it), in `order`. */
export function filteredRuns(
  runs: readonly FakeRun[],
  filters: string | null | undefined,
  order: string | null | undefined,
): FakeRun[] {
  const filter: unknown = JSON.parse(filters ?? '{}')
  return orderRuns(
    runs.filter((run) => runMatches(run, filter)),
    order,
  )
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value)
}
