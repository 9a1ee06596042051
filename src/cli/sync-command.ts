import { DEFAULT_TIMEOUT_MS, resolveWandbSettings } from '../wandb/settings.js'
import { syncOfflineRun } from '../wandb/sync/sync-offline-run.js'
import { describeError } from '../warnings.js'
import type { CliStreams } from './run-cli.js'

/** `vitest-wandb sync <run-dir>…`: uploads offline runs; exit 0 when every one is synced (or already was). */
export async function syncCommand(
  dirs: readonly string[],
  streams: CliStreams,
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  if (dirs.length === 0) {
    streams.err.write(
      'vitest-wandb: sync needs the folder of an offline run, e.g. `vitest-wandb sync wandb/offline-run-20260101_120000-abc123`.\n',
    )
    return 2
  }
  const settings = resolveWandbSettings({ entity: env['WANDB_ENTITY'] }, env, process.cwd())
  let failures = 0
  for (const dir of dirs) {
    try {
      const result = await syncOfflineRun(dir, settings, DEFAULT_TIMEOUT_MS)
      if (result.kind === 'synced')
        streams.out.write(
          `vitest-wandb: synced ${dir} to ${result.url} (${result.rows} rows, ${result.files} files).\n`,
        )
      else if (result.kind === 'already-synced')
        streams.out.write(
          `vitest-wandb: ${dir} was synced before (${result.marker}); nothing to do.\n`,
        )
      else {
        failures += 1
        streams.err.write(
          `vitest-wandb: could not sync ${dir}: ${result.reason}. It is not marked synced; run the command again.\n`,
        )
      }
    } catch (error) {
      failures += 1
      streams.err.write(`vitest-wandb: could not sync ${dir}: ${describeError(error)}\n`)
    }
  }
  return failures === 0 ? 0 : 1
}
