import { constants } from 'node:fs'
import { copyFile, mkdir, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { ArtifactCache, CachedArtifact } from './artifact-cache.js'
import { mapLimit } from '../wandb/artifacts/map-limit.js'
import type { PreparedArtifact, PreparedFile } from './prepare-artifact.js'
import { localPathOf } from '../wandb/artifacts/safe-path.js'

const COPY_WORKERS = 4

/**
 * Puts a prepared folder's files into the cache under their digest, unless they are there already,
 * so the artifact can be logged after the folder is gone. A file that changed since it was hashed
 * is an error: its copy would not match the manifest.
 */
export async function stageCopy(
  cache: ArtifactCache,
  prepared: PreparedArtifact,
): Promise<CachedArtifact> {
  const found = await cache.find(prepared.digest)
  if (found !== undefined) return found
  const staging = await cache.staging()
  try {
    await mapLimit(prepared.files, COPY_WORKERS, (file) =>
      copyUnchanged(file, join(staging, 'files')),
    )
    return await cache.commit(staging, prepared.digest, prepared.files)
  } catch (error) {
    await cache.discard(staging)
    throw error
  }
}

/** Stages a folder that is already inside a staging folder: no copy, only the move into place. */
export async function stageInPlace(
  cache: ArtifactCache,
  staging: string,
  prepared: PreparedArtifact,
): Promise<CachedArtifact> {
  const found = await cache.find(prepared.digest)
  if (found === undefined) return cache.commit(staging, prepared.digest, prepared.files)
  await cache.discard(staging)
  return found
}

async function copyUnchanged(file: PreparedFile, filesDir: string): Promise<void> {
  const target = localPathOf(filesDir, file.path)
  await mkdir(dirname(target), { recursive: true })
  await copyFile(file.localPath, target, constants.COPYFILE_FICLONE)
  const now = await stat(file.localPath)
  if (now.size !== file.size || now.mtimeMs !== file.mtimeMs) {
    throw new Error(`the file ${file.localPath} changed while it was being persisted`)
  }
}
