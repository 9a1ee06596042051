import { constants } from 'node:fs'
import { copyFile, mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { describeError, warn } from '../warnings.js'
import { GraphqlClient } from '../wandb/graphql-client.js'
import { DEFAULT_TIMEOUT_MS, Deadline } from '../wandb/http/deadline.js'
import type { RetryPolicy } from '../wandb/http/send-with-retries.js'
import { viewerEntity } from '../wandb/run-api.js'
import { DEFAULT_PROJECT, resolveWandbSettings } from '../wandb/settings.js'
import type { WandbSettings } from '../wandb/settings.js'
import type { WandbRun } from '../wandb/wandb-run.js'
import { ArtifactCache, artifactCacheRoot } from './artifact-cache.js'
import type { CachedArtifact } from './artifact-cache.js'
import { ArtifactRefs } from '../wandb/artifacts/artifact-refs.js'
import type { ResolvedArtifact } from '../wandb/artifacts/artifact-types.js'
import { isImmutableAlias, parseArtifactUrl } from '../wandb/artifacts/artifact-url.js'
import type { ArtifactUrl } from '../wandb/artifacts/artifact-url.js'
import { downloadArtifact } from '../wandb/artifacts/download-artifact.js'
import { llamaStorageContext } from './llama-storage.js'
import { mapLimit } from '../wandb/artifacts/map-limit.js'
import { resolveArtifact } from '../wandb/artifacts/resolve-artifact.js'
import { localPathOf } from '../wandb/artifacts/safe-path.js'
import { useArtifact } from '../wandb/artifacts/use-artifact.js'

type Environment = Readonly<Record<string, string | undefined>>

export interface LoadStorageContextOptions {
  /** `WANDB_*` settings and the cache folder come from here; `process.env` by default. */
  readonly env?: Environment
  readonly cache?: ArtifactCache
  /** The run to record the artifact as an input of. */
  readonly run?: WandbRun
  /** Defaults for a path without entity or project (the run's); else `WANDB_ENTITY` / `WANDB_PROJECT`. */
  readonly entity?: string
  readonly project?: string
  /** The time allowed besides moving the bytes; 30 s by default. */
  readonly timeoutMs?: number
  readonly policy?: RetryPolicy
}

export interface LoadedStorageContext<S = unknown> {
  /** The folder holding the index's files. */
  readonly dir: string
  /** `storageContextFromDefaults({ persistDir: dir })` when `llamaindex` is installed. */
  readonly storageContext: S | undefined
  readonly artifact: ResolvedArtifact
  /** True when no file had to be downloaded. */
  readonly fromCache: boolean
}

/**
 * Brings back an index logged as an artifact: resolves `entity/project/name:alias` with W&B's
 * defaults, downloads and md5-checks every file into the cache (keyed by digest, so a second load
 * of a version needs no request), and copies it to `downloadDir` when given. Rejects with one
 * sentence when the artifact cannot be had intact.
 */
export async function loadStorageContext<S = unknown>(
  artifactUrl: string,
  downloadDir?: string,
  options: LoadStorageContextOptions = {},
): Promise<LoadedStorageContext<S>> {
  const fail = (reason: string): Error =>
    new Error(`loadStorageContext("${artifactUrl}"): ${reason}.`)
  let url: ArtifactUrl
  try {
    url = parseArtifactUrl(artifactUrl)
  } catch (error) {
    throw fail((error as Error).message.replace(/\.$/, ''))
  }
  const env = options.env ?? process.env
  const cache = options.cache ?? new ArtifactCache(artifactCacheRoot(env))
  const found = await findVersion(url, env, cache, options).catch((error: Error) => {
    throw fail(error.message)
  })
  if (options.run !== undefined) await useArtifact(options.run, found.artifact)
  const dir =
    downloadDir === undefined ? found.cached.dir : await copyOut(found.cached, downloadDir)
  let storageContext: unknown
  try {
    storageContext = await llamaStorageContext(dir)
  } catch (error) {
    throw fail(
      `the files are in ${dir}, but LlamaIndex could not open them (${describeError(error)})`,
    )
  }
  return {
    dir,
    storageContext: storageContext as S | undefined,
    artifact: found.artifact,
    fromCache: found.fromCache,
  }
}

interface Found {
  readonly artifact: ResolvedArtifact
  readonly cached: CachedArtifact
  readonly fromCache: boolean
}

async function findVersion(
  url: ArtifactUrl,
  env: Environment,
  cache: ArtifactCache,
  options: LoadStorageContextOptions,
): Promise<Found> {
  const settings = resolveWandbSettings({}, env, process.cwd())
  const entity = url.entity ?? options.entity ?? (env['WANDB_ENTITY']?.trim() || undefined)
  const project =
    url.project ?? options.project ?? (env['WANDB_PROJECT']?.trim() || DEFAULT_PROJECT)
  const refs = new ArtifactRefs(cache.root)
  const key = [settings.baseUrl, entity ?? '', project, `${url.name}:${url.alias}`].join('|')
  const known = await refs.get(key)
  const knownCached = known === undefined ? undefined : await cache.find(known.digest)
  if (known !== undefined && knownCached !== undefined && isImmutableAlias(url.alias)) {
    return { artifact: known, cached: knownCached, fromCache: true }
  }
  const fetched = await fetchVersion(settings, { ...url, entity, project }, cache, options)
  if (fetched.ok) {
    await refs.set(key, fetched.value.artifact)
    return fetched.value
  }
  if (known === undefined || knownCached === undefined || fetched.answered)
    throw new Error(fetched.reason)
  warn(
    `could not reach W&B (${fetched.reason}); using the cached ${url.name}:${url.alias} (${known.digest}), which may be out of date.`,
  )
  return { artifact: known, cached: knownCached, fromCache: true }
}

type Fetched =
  | { readonly ok: true; readonly value: Found }
  | { readonly ok: false; readonly reason: string; readonly answered: boolean }

async function fetchVersion(
  settings: WandbSettings,
  where: { entity: string | undefined; project: string; name: string; alias: string },
  cache: ArtifactCache,
  options: LoadStorageContextOptions,
): Promise<Fetched> {
  if (settings.apiKey === undefined) {
    return {
      ok: false,
      reason: 'no W&B API key is set (WANDB_API_KEY or `wandb login`)',
      answered: false,
    }
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const client = new GraphqlClient(settings.baseUrl, settings.apiKey, options.policy)
  const deadline = new Deadline(timeoutMs)
  const entity =
    where.entity === undefined
      ? await viewerEntity(client, deadline)
      : { ok: true as const, value: where.entity }
  if (!entity.ok) return { ...entity, answered: false }
  const version = await resolveArtifact(client, { ...where, entity: entity.value }, deadline)
  if (!version.ok) return version
  const { manifestUrl, collection, ...artifact } = version.value
  const hit = await cache.find(artifact.digest)
  if (hit !== undefined) return { ok: true, value: { artifact, cached: hit, fromCache: true } }
  const downloaded = await downloadArtifact(version.value, cache, {
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey,
    timeoutMs,
    ...(options.policy === undefined ? {} : { policy: options.policy }),
  })
  if (!downloaded.ok) return { ...downloaded, answered: true }
  return { ok: true, value: { artifact, cached: downloaded.value, fromCache: false } }
}

async function copyOut(cached: CachedArtifact, downloadDir: string): Promise<string> {
  await mapLimit(cached.files, 4, async (file) => {
    const target = localPathOf(downloadDir, file.path)
    await mkdir(dirname(target), { recursive: true })
    await copyFile(file.localPath, target, constants.COPYFILE_FICLONE)
  })
  return downloadDir
}
