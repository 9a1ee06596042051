import { offlineRunDirs } from '../wandb/sync/offline-run-dirs.js'
import { syncOfflineRun } from '../wandb/sync/sync-offline-run.js'
import type { SyncOptions, SyncTarget } from '../wandb/sync/sync-offline-run.js'
import { problemLine } from '../problem.js'
import { resolveWandbSettings } from '../wandb/settings.js'
import { usageError } from './cli-command.js'
import type { CliCommand, CliStreams, Environment } from './cli-command.js'
import { parseSyncArgs } from './sync-args.js'
import { SYNC_HELP, SYNC_USAGE } from './sync-help.js'
import { syncResultLine } from './sync-result-line.js'

/** `vitest-wandb sync <dir>…`: exit 0 when every run is synced and ended cleanly (now or before). */
export const syncCommand: CliCommand = {
  name: 'sync',
  synopsis: 'sync <dir>...',
  summary: 'Upload offline runs (wandb/offline-run-…, or all in wandb/) to W&B.',
  help: SYNC_HELP,
  run: runSync,
}

async function runSync(
  args: readonly string[],
  streams: CliStreams,
  env: Environment,
): Promise<number> {
  const parsed = parseSyncArgs(args)
  if (!parsed.ok) return usageError(streams, 'vitest-wandb sync', parsed.problem, SYNC_USAGE)
  const target = resolveWandbSettings({ entity: env['WANDB_ENTITY'] }, env, process.cwd())
  if (target.trouble?.outcome === 'offline') {
    streams.err.write(
      `vitest-wandb: ${problemLine(target.trouble.problem, 'nothing was synced')}\n`,
    )
    return 1
  }
  const options: SyncOptions = {
    timeoutMs: parsed.timeoutMs,
    say: (line) => streams.out.write(`${line}\n`),
    warn: (line) => streams.err.write(`${line}\n`),
  }
  let failures = 0
  for (const arg of parsed.dirs) failures += await syncFolder(arg, target, options)
  return failures === 0 ? 0 : 1
}

/** Syncs every run folder `arg` stands for; returns how many did not end well. */
async function syncFolder(arg: string, target: SyncTarget, options: SyncOptions): Promise<number> {
  const dirs = offlineRunDirs(arg)
  if (!dirs.ok) {
    options.warn(`vitest-wandb: could not sync ${arg}: ${dirs.reason}.`)
    return 1
  }
  if (dirs.value.length === 0)
    options.say(`vitest-wandb: ${arg} holds no offline runs; nothing to sync.`)
  let failures = 0
  for (const dir of dirs.value) if (!(await syncOne(dir, target, options))) failures += 1
  return failures
}

/** Syncs one run folder and prints its closing line; true when it ended well. */
async function syncOne(dir: string, target: SyncTarget, options: SyncOptions): Promise<boolean> {
  try {
    const { ok, line } = syncResultLine(dir, await syncOfflineRun(dir, target, options))
    ;(ok ? options.say : options.warn)(line)
    return ok
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error)
    options.warn(`vitest-wandb: could not sync ${dir}: ${problem}.`)
    return false
  }
}
