import type { SessionComparison } from './comparison.js'

/** The shape `vitest-wandb diff --format json` prints; docs/diff-json.md documents each field. */
export interface DiffJson extends SessionComparison {
  readonly version: typeof DIFF_JSON_VERSION
}

/** Raised only by a change that breaks readers: a field removed, renamed or given a new meaning. */
export const DIFF_JSON_VERSION = 1

export function formatJson(comparison: SessionComparison): string {
  const json: DiffJson = { version: DIFF_JSON_VERSION, ...comparison }
  return `${JSON.stringify(json, null, 2)}\n`
}
