import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { DownloadDestination } from '../wandb/artifacts/download-artifact.js'
import type { ManifestEntry } from '../wandb/artifacts/manifest.js'
import { localPathOf } from '../wandb/artifacts/safe-path.js'

type Environment = Readonly<Record<string, string | undefined>>

/** A complete artifact in the cache: its folder and, per file, where it is. */
export interface CachedArtifact {
  readonly digest: string
  readonly dir: string
  readonly files: readonly (ManifestEntry & { readonly localPath: string })[]
}

interface StampedFile extends ManifestEntry {
  readonly mtimeMs: number
}

interface Stamp {
  readonly digest: string
  readonly files: readonly StampedFile[]
}

const DIGEST_HEX = /^[0-9a-f]{32}$/

/** `VITEST_WANDB_CACHE_DIR`, else `vitest-wandb` under `XDG_CACHE_HOME` (default `~/.cache`). */
export function artifactCacheRoot(env: Environment = process.env): string {
  const explicit = env['VITEST_WANDB_CACHE_DIR']?.trim()
  if (explicit) return explicit
  return join(env['XDG_CACHE_HOME']?.trim() || join(homedir(), '.cache'), 'vitest-wandb')
}

/**
 * Artifacts by digest: `artifacts/<digest>/files/…` beside a `stamp.json` of each file's size and
 * modification time. A folder only appears complete (staged elsewhere, then renamed into place), and
 * one whose files were changed since is not used.
 */
export class ArtifactCache implements DownloadDestination<CachedArtifact> {
  constructor(readonly root: string) {
    if (root.trim() === '') throw new Error('the artifact cache needs a folder, not an empty path')
  }

  private get artifactsDir(): string {
    return join(this.root, 'artifacts')
  }

  async find(digest: string): Promise<CachedArtifact | undefined> {
    if (!DIGEST_HEX.test(digest)) return undefined
    const dir = join(this.artifactsDir, digest)
    let stamp: Stamp
    try {
      stamp = JSON.parse(await readFile(join(dir, 'stamp.json'), 'utf8')) as Stamp
    } catch {
      return undefined
    }
    const filesDir = join(dir, 'files')
    for (const file of stamp.files) {
      const current = await stat(localPathOf(filesDir, file.path)).catch(() => undefined)
      if (current?.size !== file.size || current.mtimeMs !== file.mtimeMs) return undefined
    }
    return cached(digest, filesDir, stamp.files)
  }

  /** An empty folder to stage an artifact in, on the cache's file system so it can be renamed into place. */
  async staging(): Promise<string> {
    const dir = join(this.artifactsDir, `.staging-${randomBytes(8).toString('hex')}`)
    await mkdir(join(dir, 'files'), { recursive: true })
    return dir
  }

  /** Moves a staged folder (its files under `files/`) into place as `digest`. */
  async commit(
    staging: string,
    digest: string,
    entries: readonly ManifestEntry[],
  ): Promise<CachedArtifact> {
    if (!DIGEST_HEX.test(digest)) throw new Error(`${digest} is not an artifact digest`)
    const files: StampedFile[] = []
    for (const entry of entries) {
      const { mtimeMs } = await stat(localPathOf(join(staging, 'files'), entry.path))
      files.push({ path: entry.path, digest: entry.digest, size: entry.size, mtimeMs })
    }
    await writeFile(join(staging, 'stamp.json'), JSON.stringify({ digest, files }))
    const target = join(this.artifactsDir, digest)
    if (!(await moveInto(staging, target))) {
      const existing = await this.find(digest)
      if (existing !== undefined) {
        await this.discard(staging)
        return existing
      }
      await rm(target, { recursive: true, force: true })
      await rename(staging, target)
    }
    return cached(digest, join(target, 'files'), files)
  }

  async discard(staging: string): Promise<void> {
    await rm(staging, { recursive: true, force: true })
  }
}

/** False when the target already exists (another process got there first, or a stale copy). */
async function moveInto(source: string, target: string): Promise<boolean> {
  try {
    await rename(source, target)
    return true
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EPERM') return false
    throw error
  }
}

function cached(digest: string, dir: string, files: readonly ManifestEntry[]): CachedArtifact {
  return {
    digest,
    dir,
    files: files.map(({ path, digest: fileDigest, size }) => ({
      path,
      digest: fileDigest,
      size,
      localPath: localPathOf(dir, path),
    })),
  }
}
