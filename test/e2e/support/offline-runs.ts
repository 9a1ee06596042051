import { readdirSync } from 'node:fs'
import { join } from 'node:path'

/** The run folders W&B logging left under `<dir>/wandb`. */
export function runFolders(dir: string): string[] {
  try {
    return readdirSync(join(dir, 'wandb'))
      .filter((name) => /^(offline-)?run-/.test(name))
      .map((name) => join(dir, 'wandb', name))
  } catch {
    return []
  }
}
