import { join } from 'node:path'
import type { ApiResult } from '../graphql-client.js'
import { authorization, GraphqlClient } from '../graphql-client.js'
import { Deadline } from '../http/deadline.js'
import { sendWithRetries } from '../http/send-with-retries.js'
import type { RetryPolicy } from '../http/send-with-retries.js'
import type { ManifestEntry } from './manifest.js'
import { computedFileUrl } from './computed-file-url.js'
import { downloadFile } from './download-file.js'
import { FILE_URL_PAGE_SIZE, fileUrls } from './file-urls.js'
import { artifactDigest } from './manifest.js'
import { mapLimit } from './map-limit.js'
import { readManifest } from './remote-manifest.js'
import type { RemoteEntry, RemoteManifest } from './remote-manifest.js'
import type { ResolvedVersion } from './resolve-artifact.js'
import { localPathOf } from './safe-path.js'
import { transferMs } from './streamed-exchange.js'

export interface DownloadOptions {
  readonly baseUrl: string
  readonly apiKey: string
  readonly timeoutMs: number
  readonly policy?: RetryPolicy
  readonly concurrency?: number
  /** How many files' download URLs one request asks for. */
  readonly fileUrlPageSize?: number
}

/**
 * Where a download goes: a staging folder, made whole once every file arrived intact (the
 * artifact cache of indexes is one).
 */
export interface DownloadDestination<T> {
  staging(): Promise<string>
  commit(staging: string, digest: string, entries: readonly ManifestEntry[]): Promise<T>
  discard(staging: string): Promise<void>
}

/** One version's files on their way into a staging folder. */
interface Transfer {
  readonly version: ResolvedVersion
  readonly manifest: RemoteManifest
  readonly filesDir: string
  readonly deadline: Deadline
  readonly options: DownloadOptions
}

/**
 * Downloads an artifact version into `cache`: its manifest (which must digest to the version's
 * digest), then every file, each checked against its md5 as it streams in. Nothing is committed
 * unless every file arrived intact.
 */
export async function downloadArtifact<T>(
  version: ResolvedVersion,
  cache: DownloadDestination<T>,
  options: DownloadOptions,
): Promise<ApiResult<T>> {
  const label = `${version.entity}/${version.project}/${version.name} (${version.digest})`
  const manifest = await fetchManifest(version, options)
  if (typeof manifest === 'string')
    return { ok: false, reason: `the manifest of ${label} ${manifest}` }
  const bytes = manifest.entries.reduce((sum, entry) => sum + entry.size, 0)
  const deadline = new Deadline(options.timeoutMs + transferMs(bytes))
  const staging = await cache.staging()
  try {
    const filesDir = join(staging, 'files')
    const failure = await downloadFiles({ version, manifest, filesDir, deadline, options })
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

/** The manifest, or what went wrong, to follow "the manifest of <artifact>". */
async function fetchManifest(
  version: ResolvedVersion,
  options: DownloadOptions,
): Promise<RemoteManifest | string> {
  const deadline = new Deadline(options.timeoutMs)
  const got = await sendWithRetries(
    { method: 'GET', url: version.manifestUrl },
    deadline,
    options.policy,
  )
  if (got.kind !== 'success') return `could not be downloaded: ${got.reason}`
  const manifest = readManifest(got.body)
  if (typeof manifest === 'string') return manifest
  if (artifactDigest(manifest.entries) !== version.digest)
    return "does not match the artifact's digest"
  return manifest
}

/**
 * Downloads the files a page at a time, as W&B's client does: asks for the page's download URLs,
 * then fetches them, so no URL waits long enough to expire. Undefined when all arrived.
 */
async function downloadFiles(transfer: Transfer): Promise<string | undefined> {
  const { version, manifest, deadline, options } = transfer
  const client = new GraphqlClient(options.baseUrl, options.apiKey, options.policy)
  const pageSize = options.fileUrlPageSize ?? FILE_URL_PAGE_SIZE
  for (let start = 0; start < manifest.entries.length; start += pageSize) {
    const page = manifest.entries.slice(start, start + pageSize)
    const names = page.map((entry) => entry.path)
    const urls = await fileUrls(client, version.id, names, deadline)
    if (!urls.ok) return `W&B did not say where its files are (${urls.reason})`
    const failure = await downloadPage(transfer, page, urls.value)
    if (failure !== undefined) return failure
  }
  return undefined
}

async function downloadPage(
  transfer: Transfer,
  entries: readonly RemoteEntry[],
  urls: ReadonlyMap<string, string>,
): Promise<string | undefined> {
  const { filesDir, deadline, options } = transfer
  let failure: string | undefined
  await mapLimit(entries, options.concurrency ?? 4, async (entry) => {
    if (failure !== undefined) return
    const { url, headers, name } = fileSource(transfer, entry, urls.get(entry.path))
    const target = localPathOf(filesDir, entry.path)
    const got = await downloadFile(url, headers, target, entry, deadline, options.policy)
    if (!got.ok) failure ??= `${entry.path}, fetched from ${name}: ${got.reason}`
  })
  return failure
}

/**
 * Where a file comes from. A given URL is used as is, without the API key (W&B's client sends
 * none there: it is a signed storage URL); only the computed address on W&B itself gets the key.
 */
function fileSource(
  { version, manifest, options }: Transfer,
  entry: RemoteEntry,
  given: string | undefined,
): { url: string; headers: Record<string, string>; name: string } {
  if (given !== undefined) return { url: given, headers: {}, name: 'the URL W&B gave for it' }
  const url = computedFileUrl(options.baseUrl, version, manifest, entry)
  return { url, headers: { authorization: authorization(options.apiKey) }, name: url }
}
