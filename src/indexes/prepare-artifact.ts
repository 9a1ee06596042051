import { DIGEST_CHUNK_BYTES, digestFile } from '../wandb/artifacts/file-digest.js'
import { listFiles } from '../wandb/artifacts/list-files.js'
import { artifactDigest } from '../wandb/artifacts/manifest.js'
import type { ManifestEntry } from '../wandb/artifacts/manifest.js'
import { mapLimit } from '../wandb/artifacts/map-limit.js'

/** A manifest entry and where its bytes are; `mtimeMs` tells later whether the file changed. */
export interface PreparedFile extends ManifestEntry {
  readonly localPath: string
  readonly mtimeMs: number
}

export interface PreparedArtifact {
  readonly digest: string
  /** In W&B's path order. */
  readonly files: readonly PreparedFile[]
  readonly bytes: number
}

// Reads of one file overlap the hashing of another; more workers only add memory.
const HASH_WORKERS = 4

/** The manifest entries and artifact digest of a folder, each file read exactly once. */
export async function prepareArtifact(dir: string): Promise<PreparedArtifact> {
  const listed = await listFiles(dir)
  const buffers = Array.from({ length: HASH_WORKERS }, () => Buffer.allocUnsafe(DIGEST_CHUNK_BYTES))
  const files = await mapLimit(listed, HASH_WORKERS, async (file, worker) => {
    try {
      const hashed = await digestFile(file.localPath, buffers[worker] as Buffer)
      return { ...file, ...hashed }
    } catch (error) {
      throw new Error(`the file ${file.localPath} cannot be read (${errorCode(error)})`)
    }
  })
  return {
    digest: artifactDigest(files),
    files,
    bytes: files.reduce((sum, file) => sum + file.size, 0),
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : String(error)
}
