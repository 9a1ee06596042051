import { join } from 'node:path'
import type { ApiResult } from '../graphql-client.js'
import { authorization } from '../graphql-client.js'
import { Deadline } from '../http/deadline.js'
import { sendWithRetries } from '../http/send-with-retries.js'
import type { RetryPolicy } from '../http/send-with-retries.js'
import type { ArtifactCache, CachedArtifact } from './artifact-cache.js'
import { downloadFile } from './download-file.js'
import { artifactDigest } from './manifest.js'
import type { ManifestEntry } from './manifest.js'
import { mapLimit } from './map-limit.js'
import type { ResolvedVersion } from './resolve-artifact.js'
import { localPathOf, pathProblem } from './safe-path.js'
import { transferMs } from './streamed-exchange.js'

export interface DownloadOptions {
  readonly baseUrl: string
  readonly apiKey: string
  readonly timeoutMs: number
  readonly policy?: RetryPolicy
  readonly concurrency?: number
}

interface RemoteEntry extends ManifestEntry {
  readonly birthArtifactID?: string
}

interface RemoteManifest {
  readonly storageLayout: string
  readonly region: string
  readonly entries: readonly RemoteEntry[]
}

/**
 * Downloads an artifact version into the cache: its manifest (which must digest to the version's
 * digest), then every file, each checked against its md5 as it streams in. Nothing is cached unless
 * every file arrived intact.
 */
export async function downloadArtifact(
  version: ResolvedVersion,
  cache: ArtifactCache,
  options: DownloadOptions,
): Promise<ApiResult<CachedArtifact>> {
  const label = `${version.entity}/${version.project}/${version.name} (${version.digest})`
  const manifestDeadline = new Deadline(options.timeoutMs)
  const text = await sendWithRetries(
    { method: 'GET', url: version.manifestUrl },
    manifestDeadline,
    options.policy,
  )
  if (text.kind !== 'success')
    return { ok: false, reason: `could not download the manifest of ${label}: ${text.reason}` }
  const manifest = readManifest(text.body)
  if (typeof manifest === 'string')
    return { ok: false, reason: `the manifest of ${label} ${manifest}` }
  if (artifactDigest(manifest.entries) !== version.digest) {
    return { ok: false, reason: `the manifest of ${label} does not match the artifact's digest` }
  }
  const bytes = manifest.entries.reduce((sum, entry) => sum + entry.size, 0)
  const deadline = new Deadline(options.timeoutMs + transferMs(bytes))
  const staging = await cache.staging()
  try {
    const filesDir = join(staging, 'files')
    const headers = { authorization: authorization(options.apiKey) }
    let failure: string | undefined
    await mapLimit(manifest.entries, options.concurrency ?? 4, async (entry) => {
      if (failure !== undefined) return
      const url = fileUrl(options.baseUrl, version, manifest, entry)
      const got = await downloadFile(
        url,
        headers,
        localPathOf(filesDir, entry.path),
        entry,
        deadline,
        options.policy,
      )
      if (!got.ok) failure ??= got.reason
    })
    if (failure !== undefined) {
      await cache.discard(staging)
      return { ok: false, reason: `could not download ${label}: ${failure}` }
    }
    return { ok: true, value: await cache.commit(staging, version.digest, manifest.entries) }
  } catch (error) {
    await cache.discard(staging)
    throw error
  }
}

/** W&B's file addresses: `/artifactsV2/<region>/<entity>/<birth artifact id>/<md5 hex>/<name>` (V1: `/artifacts/<entity>/<md5 hex>`). */
function fileUrl(
  baseUrl: string,
  version: ResolvedVersion,
  manifest: RemoteManifest,
  entry: RemoteEntry,
): string {
  const hex = Buffer.from(entry.digest, 'base64').toString('hex')
  const entity = encodeURIComponent(version.entity)
  if (manifest.storageLayout === 'V1') return `${baseUrl}/artifacts/${entity}/${hex}`
  const birth = encodeURIComponent(entry.birthArtifactID ?? version.id)
  const name = encodeURIComponent(entry.path.split('/').pop() ?? entry.path)
  return `${baseUrl}/artifactsV2/${encodeURIComponent(manifest.region)}/${entity}/${birth}/${hex}/${name}`
}

/** The manifest's entries, or what is wrong with it. */
function readManifest(text: string): RemoteManifest | string {
  let json: {
    version?: unknown
    storagePolicyConfig?: { storageLayout?: unknown; storageRegion?: unknown }
    contents?: Record<
      string,
      { digest?: unknown; size?: unknown; ref?: unknown; birthArtifactID?: unknown }
    >
  }
  try {
    json = JSON.parse(text) as typeof json
  } catch {
    return 'is not JSON'
  }
  if (json.version !== 1 || typeof json.contents !== 'object' || json.contents === null) {
    return 'is not a version 1 W&B manifest'
  }
  const entries: RemoteEntry[] = []
  for (const [path, entry] of Object.entries(json.contents)) {
    const unsafe = pathProblem(path)
    if (unsafe !== undefined) return `is unsafe: ${unsafe}`
    if (entry.ref !== undefined)
      return `lists ${path} as a reference, which cannot be downloaded here`
    if (typeof entry.digest !== 'string' || typeof entry.size !== 'number')
      return `has no digest or size for ${path}`
    const birth =
      typeof entry.birthArtifactID === 'string' ? { birthArtifactID: entry.birthArtifactID } : {}
    entries.push({ path, digest: entry.digest, size: entry.size, ...birth })
  }
  const config = json.storagePolicyConfig ?? {}
  return {
    storageLayout: typeof config.storageLayout === 'string' ? config.storageLayout : 'V2',
    region: typeof config.storageRegion === 'string' ? config.storageRegion : 'default',
    entries,
  }
}
