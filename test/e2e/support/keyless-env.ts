import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A HOME with no ~/.netrc, so no key is found unless the test gives one. */
export function keylessEnv(): Record<string, string> {
  return { HOME: mkdtempSync(join(tmpdir(), 'home-')), WANDB_API_KEY: '' }
}
