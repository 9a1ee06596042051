import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { offlineRunDirs } from '../../../src/wandb/sync/offline-run-dirs.js'

function tree(paths: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'run-dirs-'))
  for (const path of paths) {
    if (path.endsWith('/')) mkdirSync(join(root, path), { recursive: true })
    else writeFileSync(join(root, path), '')
  }
  return root
}

describe('offlineRunDirs', () => {
  it('stands for itself when the folder holds a run log', () => {
    const root = tree(['run-abc.wandb', 'files/', 'offline-run-x/'])
    expect(offlineRunDirs(root)).toEqual({ ok: true, value: [root] })
  })

  it('stands for every offline run of a wandb/ folder, oldest first, online copies left out', () => {
    const root = tree([
      'offline-run-20260102_000000-b/',
      'offline-run-20260101_000000-a/',
      'run-20260103_000000-c/',
      'offline-run-notes.txt',
      'latest-run/',
    ])
    expect(offlineRunDirs(root)).toEqual({
      ok: true,
      value: [
        join(root, 'offline-run-20260101_000000-a'),
        join(root, 'offline-run-20260102_000000-b'),
      ],
    })
    expect(offlineRunDirs(tree(['run-20260103_000000-c/']))).toEqual({ ok: true, value: [] })
  })

  it('says why a folder that is neither cannot be synced', () => {
    const root = tree(['notes.txt'])
    expect(offlineRunDirs(root)).toEqual({
      ok: false,
      reason: `${root} holds no run-<id>.wandb file and no offline-run-* folders: it is neither a W&B run folder nor a wandb/ folder`,
    })
    expect(offlineRunDirs(join(root, 'missing'))).toEqual({
      ok: false,
      reason: `${join(root, 'missing')} is not a folder that can be read`,
    })
  })
})
