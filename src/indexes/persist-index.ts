import { mkdir, readdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { JsonObject } from '../json.js'
import { describeError } from '../warnings.js'
import { ArtifactCache, artifactCacheRoot } from './artifact-cache.js'
import type { CachedArtifact } from './artifact-cache.js'
import { artifactNameProblem } from './artifact-name.js'
import { indexSource, persistSource } from './index-source.js'
import type { IndexSource } from './index-source.js'
import type { PersistedIndex } from '../wandb/artifacts/artifact-types.js'
import { prepareArtifact } from './prepare-artifact.js'
import { stageCopy, stageInPlace } from './stage-artifact.js'

export const STORAGE_CONTEXT_TYPE = 'storage_context'

export interface PersistIndexOptions {
  /** Added to the artifact's metadata (after the index's `root_id`). */
  readonly metadata?: Readonly<Record<string, unknown>>
  /** Where artifacts are cached; `artifactCacheRoot()` by default. */
  readonly cache?: ArtifactCache
}

/**
 * Saves an index as a `storage_context` artifact: persists it (into `persistDir`, kept, or a
 * temporary folder, removed), hashes every file once, and stages the files in the cache by digest.
 * Rejects with one sentence naming the problem when the input cannot make an artifact.
 */
export async function persistIndexArtifact(
  index: unknown,
  indexName: string,
  persistDir?: string,
  options: PersistIndexOptions = {},
): Promise<PersistedIndex> {
  const fail = (problem: string, cause?: unknown): Error =>
    new Error(
      `persistIndex("${String(indexName)}"): ${problem}.`,
      cause === undefined ? {} : { cause },
    )
  const nameProblem = artifactNameProblem(indexName)
  if (nameProblem !== undefined) throw fail(nameProblem)
  const metadata = metadataOf(options.metadata, fail)
  let source: IndexSource
  try {
    source = indexSource(index)
  } catch (error) {
    throw fail((error as Error).message)
  }
  const cache = options.cache ?? new ArtifactCache(artifactCacheRoot())
  const staged = await stage(source, persistDir, cache, fail)
  const rootId = source.kind === 'directory' ? undefined : source.rootId
  return {
    name: indexName,
    type: STORAGE_CONTEXT_TYPE,
    digest: staged.digest,
    metadata: { ...(rootId === undefined ? {} : { root_id: rootId }), ...metadata },
    files: staged.files,
  }
}

type Fail = (problem: string, cause?: unknown) => Error

async function stage(
  source: IndexSource,
  persistDir: string | undefined,
  cache: ArtifactCache,
  fail: Fail,
): Promise<CachedArtifact> {
  if (source.kind === 'directory') {
    if (persistDir !== undefined && resolve(persistDir) !== resolve(source.dir)) {
      throw fail(
        `the index is the folder ${source.dir}; leave out persistDir (${persistDir}) or make it the same folder`,
      )
    }
    return fromFolder(source.dir, cache, fail)
  }
  if (persistDir !== undefined) {
    await persistInto(source, persistDir, fail)
    return fromFolder(persistDir, cache, fail)
  }
  const staging = await cache.staging()
  try {
    const filesDir = join(staging, 'files')
    await persistInto(source, filesDir, fail)
    return await stageInPlace(cache, staging, await prepared(filesDir, fail))
  } catch (error) {
    await cache.discard(staging)
    throw error
  }
}

async function persistInto(source: IndexSource, dir: string, fail: Fail): Promise<void> {
  try {
    await mkdir(dir, { recursive: true })
    await persistSource(source, dir)
  } catch (error) {
    throw fail(`the index could not be persisted to ${dir}: ${describeError(error)}`, error)
  }
  if ((await readdir(dir)).length === 0) throw fail('persisting the index wrote no files')
}

async function fromFolder(dir: string, cache: ArtifactCache, fail: Fail): Promise<CachedArtifact> {
  const folder = await prepared(dir, fail)
  try {
    return await stageCopy(cache, folder)
  } catch (error) {
    throw fail(`its files could not be cached under ${cache.root}: ${describeError(error)}`, error)
  }
}

async function prepared(dir: string, fail: Fail) {
  try {
    return await prepareArtifact(dir)
  } catch (error) {
    throw fail((error as Error).message, error)
  }
}

function metadataOf(
  metadata: Readonly<Record<string, unknown>> | undefined,
  fail: Fail,
): JsonObject {
  if (metadata === undefined) return {}
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw fail('metadata must be a plain object')
  }
  try {
    return JSON.parse(JSON.stringify(metadata)) as JsonObject
  } catch (error) {
    throw fail(`metadata must be JSON-serializable (${describeError(error)})`, error)
  }
}
