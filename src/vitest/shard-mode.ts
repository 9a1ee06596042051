import type { ResolvedConfig } from 'vitest/node'

/**
 * Whether this run is one shard whose results a later `--merge-reports` will gather: then the merge
 * logs the session and the shard stays quiet, so a sharded suite is one session, not several.
 */
export function defersToMerge(config: ResolvedConfig): boolean {
  return config.shard !== undefined && writesBlob(config)
}

/** Whether a blob reporter will store this run's results (our test meta included) for a later merge. */
export function writesBlob(config: ResolvedConfig): boolean {
  return config.reporters.some(isBlobReporter)
}

function isBlobReporter(reporter: unknown): boolean {
  if (reporter === 'blob') return true
  if (Array.isArray(reporter)) return reporter[0] === 'blob'
  return (
    typeof reporter === 'object' &&
    reporter !== null &&
    reporter.constructor.name === 'BlobReporter'
  )
}

/** The shard as `i/n`, when this run is one. */
export function shardLabel(config: ResolvedConfig): string | null {
  return config.shard === undefined ? null : `${config.shard.index}/${config.shard.count}`
}
