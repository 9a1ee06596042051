import { readdirSync } from 'node:fs'
import type { Dirent } from 'node:fs'
import { join } from 'node:path'
import type { ApiResult } from '../graphql-client.js'
import { isRunLogName } from './read-offline-run.js'

/**
 * The run folders `dir` stands for: itself when it holds a `run-<id>.wandb` log, else, for a
 * `wandb/` folder, each `offline-run-*` folder in it, in name order (oldest first).
 */
export function offlineRunDirs(dir: string): ApiResult<string[]> {
  let entries: Dirent[]
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return { ok: false, reason: `${dir} is not a folder that can be read` }
  }
  if (entries.some((entry) => entry.isFile() && isRunLogName(entry.name)))
    return { ok: true, value: [dir] }
  const runs = entries.filter((entry) => entry.isDirectory() && /^(offline-)?run-/.test(entry.name))
  if (runs.length === 0) {
    return {
      ok: false,
      reason: `${dir} holds no run-<id>.wandb file and no offline-run-* folders: it is neither a W&B run folder nor a wandb/ folder`,
    }
  }
  const offline = runs.filter((entry) => entry.name.startsWith('offline-run-'))
  return { ok: true, value: offline.map((entry) => join(dir, entry.name)).sort() }
}
