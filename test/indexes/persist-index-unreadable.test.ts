import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { ArtifactCache } from '../../src/indexes/artifact-cache.js'
import { persistIndexArtifact } from '../../src/indexes/persist-index.js'
import {
  removeTempFolders,
  tempFolder,
  writeFiles,
} from '../wandb/artifacts/support/temp-folders.js'

// Permissions do not stop root from reading a file, so the refusal comes from the file system layer.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>()
  return {
    ...actual,
    open: (path: string, ...rest: unknown[]) =>
      String(path).endsWith('secret.json')
        ? Promise.reject(
            Object.assign(new Error(`EACCES: permission denied, open '${path}'`), {
              code: 'EACCES',
            }),
          )
        : (actual.open as (...args: unknown[]) => unknown)(path, ...rest),
  }
})

afterAll(removeTempFolders)

describe('persistIndex with a file it cannot read', () => {
  it('rejects naming the file and why, and stages nothing', async () => {
    const cache = new ArtifactCache(tempFolder('cache'))
    const dir = writeFiles(tempFolder('index'), { 'doc_store.json': '{}', 'secret.json': '{}' })
    await expect(persistIndexArtifact(dir, 'idx', undefined, { cache })).rejects.toThrow(
      `persistIndex("idx"): the file ${dir}/secret.json cannot be read (EACCES).`,
    )
    expect(existsSync(join(cache.root, 'artifacts'))).toBe(false)
  })
})
