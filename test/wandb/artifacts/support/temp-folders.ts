import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const root = join(tmpdir(), `vitest-wandb-artifacts-${process.pid}`)

/** A fresh folder under this test process's temporary root. */
export function tempFolder(prefix: string): string {
  mkdirSync(root, { recursive: true })
  return mkdtempSync(join(root, `${prefix}-`))
}

/** Removes every folder `tempFolder` made (call it in `afterAll`). */
export function removeTempFolders(): void {
  rmSync(root, { recursive: true, force: true })
}

/** Writes `files` (POSIX path → contents) under `dir` and returns it. */
export function writeFiles(dir: string, files: Record<string, string | Uint8Array>): string {
  for (const [path, contents] of Object.entries(files)) {
    const target = join(dir, ...path.split('/'))
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, contents)
  }
  return dir
}

/** The worked example of W&B's artifact digest. */
export const HANDBOOK = { 'data/a.txt': 'alpha\n', 'b.json': '{"x": 1}\n' }
export const HANDBOOK_DIGEST = 'd1d5413d42a3ae0575d3965d8757cd37'
