import { accessSync, constants, statSync } from 'node:fs'
import type { Stats } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { displayPath } from '../display-path.js'
import { fileSystemReason } from '../file-system-reason.js'
import type { Problem } from '../problem.js'
import type { DirSource } from './settings.js'

const DIR_FIXES: Readonly<Record<DirSource, string>> = {
  option: 'point the dir option at a folder that can be written',
  WANDB_DIR: 'point WANDB_DIR at a folder that can be written, or unset it',
  root: 'make wandb/ in the project a folder that can be written, or choose another with the dir option or WANDB_DIR',
}

/**
 * Why runs cannot be written under `<dir>/wandb`, found without writing anything: the nearest part
 * of the path that exists must be a folder that can be written. Undefined when nothing is in the way.
 */
export function runFolderProblem(dir: string): string | undefined {
  let path = resolve(dir, 'wandb')
  for (;;) {
    const stats = statOf(path)
    if (stats !== undefined) {
      if (!stats.isDirectory()) return `${displayPath(path)} is a file, not a folder`
      return writable(path) ? undefined : `${displayPath(path)} cannot be written`
    }
    const parent = dirname(path)
    if (parent === path) return undefined
    path = parent
  }
}

/** A run folder that could not be made: where, why, and the setting that chose the place. */
export function runFolderFailure(dir: string, dirSource: DirSource, error: unknown): Problem {
  return {
    what: `could not create the W&B run folder in ${displayPath(join(dir, 'wandb'))} (${fileSystemReason(error)})`,
    fix: DIR_FIXES[dirSource],
  }
}

// A path below a file fails with ENOTDIR rather than ENOENT: either way, look further up.
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path)
  } catch {
    return undefined
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK)
    return true
  } catch {
    return false
  }
}
