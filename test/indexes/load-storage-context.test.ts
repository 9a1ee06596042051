import { createHash } from 'node:crypto'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Settings } from 'llamaindex'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadStorageContext } from '../../src/indexes/load-storage-context.js'
import type { LoadStorageContextOptions } from '../../src/indexes/load-storage-context.js'
import { artifactDigest } from '../../src/wandb/artifacts/manifest.js'
import { uploadArtifact } from '../../src/wandb/artifacts/upload-artifact.js'
import { onWarning } from '../../src/warnings.js'
import { bytesUnder } from '../support/files-under.js'
import { FAST_RETRIES, fakeRunTarget } from '../wandb/artifacts/support/fake-target.js'
import { logFiles } from '../wandb/artifacts/support/log-files.js'
import { tempFolder, writeFiles } from '../wandb/artifacts/support/temp-folders.js'
import { useArtifactFakeWandb } from '../wandb/artifacts/support/use-artifact-fake-wandb.js'
import { WordEmbedding } from '../wandb/artifacts/support/word-embedding.js'

const PROJECT = 'load'
const STORE = { 'doc_store.json': '{"docs": 1}\n', 'nested/vector_store.json': '{"v": [0.5]}\n' }
const STORE_V1 = { ...STORE, 'index_store.json': '{"index": 2}\n' }

const fake = useArtifactFakeWandb()

beforeAll(async () => {
  Settings.embedModel = new WordEmbedding()
  for (const files of [STORE, STORE_V1]) await logFiles(fake(), PROJECT, 'store', files)
})
afterEach(async () => {
  Object.assign(fake().fileUrls, { given: true, maxPerPage: Number.POSITIVE_INFINITY })
})

/** Settings as a user has them, with a cache of its own. */
function userOptions(
  env: Record<string, string> = {},
): LoadStorageContextOptions & { cacheDir: string } {
  const cacheDir = tempFolder('cache')
  return {
    cacheDir,
    policy: FAST_RETRIES,
    env: {
      WANDB_API_KEY: fake().apiKey,
      WANDB_BASE_URL: fake().mswBaseUrl,
      VITEST_WANDB_CACHE_DIR: cacheDir,
      ...env,
    },
  }
}

function filesUnder(dir: string): Record<string, string> {
  const files = Object.entries(bytesUnder(dir))
  return Object.fromEntries(files.map(([path, bytes]) => [path, bytes.toString('utf8')]))
}

const md5Hex = (bytes: string | Uint8Array): string => createHash('md5').update(bytes).digest('hex')

/** Artifact file downloads since request `start`: the manifests left out. */
function fileDownloads(start: number) {
  return fake()
    .requests.slice(start)
    .filter((request) => request.route === 'download' && !request.path.startsWith('/manifests/'))
}

const url = (alias: string): string => `${fake().entity}/${PROJECT}/store:${alias}`

/** Seven files, text and binary, in nested folders: more than one page when the fake() pages by two. */
const MANY: Record<string, Buffer> = Object.fromEntries(
  [
    'a.txt',
    'docs/b.txt',
    'docs/deep/c.txt',
    'docs/deep/er/d.bin',
    'e.bin',
    'f/g.json',
    'f/h i.txt',
  ].map((path, i) => [
    path,
    path.endsWith('.bin')
      ? Buffer.from(Array.from({ length: 300 + i }, (_, j) => (j * 31 + i) % 256))
      : Buffer.from(`${path}: ${'text '.repeat(i)}\n`),
  ]),
)

describe('loadStorageContext', () => {
  it('downloads a version, checks every file, and returns its folder and a StorageContext', async () => {
    const options = userOptions()
    const loaded = await loadStorageContext(url('v0'), undefined, options)
    expect(filesUnder(loaded.dir)).toEqual(STORE)
    expect(loaded.dir.startsWith(options.cacheDir)).toBe(true)
    expect(loaded).toMatchObject({
      fromCache: false,
      artifact: {
        entity: fake().entity,
        project: PROJECT,
        name: 'store',
        versionIndex: 0,
        digest: fake().artifact('store:v0', PROJECT).digest,
      },
    })
    const context = loaded.storageContext as {
      docStore?: unknown
      indexStore?: unknown
      vectorStores?: Record<string, unknown>
    }
    expect(context.docStore).toBeDefined()
    expect(context.indexStore).toBeDefined()
    expect(context.vectorStores?.['TEXT']).toBeDefined()
  })

  it('loads a version a second time from the cache without any request', async () => {
    const options = userOptions()
    const first = await loadStorageContext(url('v0'), undefined, options)
    const requests = fake().requests.length
    const second = await loadStorageContext(url('v0'), undefined, options)
    expect(fake().requests.length).toBe(requests)
    expect(second).toMatchObject({ dir: first.dir, fromCache: true, artifact: first.artifact })
  })

  it('asks W&B once where a moving alias points, but downloads nothing it has', async () => {
    const options = userOptions()
    const first = await loadStorageContext(url('latest'), undefined, options)
    expect(first.artifact.versionIndex).toBe(1)
    expect(filesUnder(first.dir)).toEqual(STORE_V1)
    const requests = fake().requests.length
    const second = await loadStorageContext(url('latest'), undefined, options)
    expect(
      fake()
        .requests.slice(requests)
        .map((request) => request.operationName),
    ).toEqual(['ArtifactByName'])
    expect(second.fromCache).toBe(true)
  })

  it("fills in W&B's defaults: the viewer's entity, the project from WANDB_PROJECT, and alias latest", async () => {
    const loaded = await loadStorageContext(
      'store',
      undefined,
      userOptions({ WANDB_PROJECT: PROJECT }),
    )
    expect(loaded.artifact).toMatchObject({
      entity: fake().entity,
      project: PROJECT,
      versionIndex: 1,
    })
    const byProject = await loadStorageContext(`${PROJECT}/store:v0`, undefined, userOptions())
    expect(byProject.artifact).toMatchObject({ entity: fake().entity, versionIndex: 0 })
  })

  it('copies the files into downloadDir when one is given', async () => {
    const target = join(tempFolder('download'), 'here')
    const loaded = await loadStorageContext(url('v0'), target, userOptions())
    expect(loaded.dir).toBe(target)
    expect(filesUnder(target)).toEqual(STORE)
  })

  it('brings back the same bytes by :latest and :v0, each file from the URL W&B gave, a page of URLs at a time', async () => {
    await logFiles(fake(), PROJECT, 'many', MANY)
    fake().fileUrls.maxPerPage = 2
    const start = fake().requests.length
    const latest = await loadStorageContext(`${PROJECT}/many:latest`, undefined, userOptions())
    const v0 = await loadStorageContext(`${PROJECT}/many:v0`, undefined, userOptions())
    expect(bytesUnder(latest.dir)).toEqual(MANY)
    expect(bytesUnder(v0.dir)).toEqual(MANY)
    expect(v0.artifact).toEqual(latest.artifact)
    const queries = fake()
      .requests.slice(start)
      .map((request) => request.operationName)
    expect(queries.filter((name) => name === 'ArtifactFileURLs')).toHaveLength(8)
    const downloads = fileDownloads(start)
    expect(downloads).toHaveLength(14)
    for (const download of downloads) {
      expect(download).toMatchObject({ status: 200, path: expect.stringMatching(/^\/signed\//) })
    }
  })

  it("downloads from W&B's computed address, with project and collection, when W&B gives no URL", async () => {
    fake().fileUrls.given = false
    const start = fake().requests.length
    const loaded = await loadStorageContext(url('v0'), undefined, userOptions())
    expect(filesUnder(loaded.dir)).toEqual(STORE)
    const id = encodeURIComponent(fake().artifact('store:v0', PROJECT).id)
    const where = `/artifactsV2/default/${fake().entity}/${PROJECT}/store/${id}`
    const expected = Object.entries(STORE).map(
      ([path, text]) => `${where}/${md5Hex(text)}/${path.split('/').pop()}`,
    )
    const downloads = fileDownloads(start)
    expect(downloads.map((download) => download.path).sort()).toEqual(expected.sort())
    expect(downloads.every((download) => download.status === 200)).toBe(true)
  })

  it('fails with one sentence naming the file when the URL W&B gave answers 404, and caches nothing', async () => {
    const files = { 'kept.txt': 'kept\n', 'gone/away.txt': 'only in the vanishing index\n' }
    const persisted = await logFiles(fake(), PROJECT, 'vanishing', files)
    const blobs = fake().blobs as Map<string, Uint8Array>
    const hex = md5Hex(files['gone/away.txt'])
    const original = blobs.get(hex) as Uint8Array
    blobs.delete(hex)
    const options = userOptions()
    const start = fake().requests.length
    try {
      await expect(
        loadStorageContext(`${PROJECT}/vanishing:v0`, undefined, options),
      ).rejects.toThrow(
        `loadStorageContext("${PROJECT}/vanishing:v0"): could not download ${fake().entity}/${PROJECT}/vanishing (${persisted.digest}): gone/away.txt, fetched from the URL W&B gave for it: HTTP 404: `,
      )
    } finally {
      blobs.set(hex, original)
    }
    expect(readdirSync(join(options.cacheDir, 'artifacts'))).toEqual([])
    const failed = fileDownloads(start).filter((download) => download.status !== 200)
    expect(failed).toMatchObject([{ status: 404, path: expect.stringMatching(/^\/signed\//) }])
    expect(fileDownloads(start).some((download) => download.path.startsWith('/artifactsV2/'))).toBe(
      false,
    )
  })

  it('rejects a corrupt download and caches nothing of it', async () => {
    const stored = fake().artifact('store:v0', PROJECT)
    const hex = Buffer.from(
      stored.manifest?.contents['doc_store.json']?.digest ?? '',
      'base64',
    ).toString('hex')
    // The fake()'s blob store is a Map: storage handing back other bytes than were uploaded.
    const blobs = fake().blobs as Map<string, Uint8Array>
    const original = blobs.get(hex) as Uint8Array
    blobs.set(hex, Buffer.from('{"docs": 666}\n'))
    const options = userOptions()
    const target = join(tempFolder('download'), 'never')
    try {
      await expect(loadStorageContext(url('v0'), target, options)).rejects.toThrow(
        /the download of doc_store\.json is corrupt: md5 .* but the manifest says/,
      )
    } finally {
      blobs.set(hex, original)
    }
    expect(existsSync(target)).toBe(false)
    expect(readdirSync(join(options.cacheDir, 'artifacts'))).toEqual([])
    expect(filesUnder((await loadStorageContext(url('v0'), target, options)).dir)).toEqual(STORE)
  })

  it('does not use a cached copy whose files were changed, but downloads it again', async () => {
    const options = userOptions()
    const first = await loadStorageContext(url('v0'), undefined, options)
    writeFileSync(join(first.dir, 'doc_store.json'), '{"docs": "edited"}\n')
    const second = await loadStorageContext(url('v0'), undefined, options)
    expect(second.fromCache).toBe(false)
    expect(filesUnder(second.dir)).toEqual(STORE)
  })

  it('refuses a manifest whose paths would leave the download folder', async () => {
    const to = await fakeRunTarget(fake(), PROJECT, 'hostile-producer')
    const bait = writeFiles(tempFolder('bait'), { 'x.txt': 'x\n' })
    const entry = {
      path: '../escaped.txt',
      digest: createHash('md5').update('x\n').digest('base64'),
      size: 2,
    }
    const uploaded = await uploadArtifact(
      to,
      {
        name: 'hostile',
        type: 'storage_context',
        digest: artifactDigest([entry]),
        aliases: ['latest'],
        files: [{ ...entry, localPath: join(bait, 'x.txt') }],
      },
      { policy: FAST_RETRIES },
    )
    expect(uploaded.ok).toBe(true)
    const options = userOptions()
    await expect(loadStorageContext(`${PROJECT}/hostile:v0`, undefined, options)).rejects.toThrow(
      'the artifact path "../escaped.txt" is not a relative POSIX path',
    )
    expect(existsSync(join(options.cacheDir, 'escaped.txt'))).toBe(false)
    expect(existsSync(join(options.cacheDir, 'artifacts', 'escaped.txt'))).toBe(false)
  })

  it('rejects with one sentence for a bad path, an unknown artifact, or no way to reach W&B', async () => {
    await expect(loadStorageContext('a/b/c/d', undefined, userOptions())).rejects.toThrow(
      'loadStorageContext("a/b/c/d"): "a/b/c/d" is not an artifact path: it has more than three parts',
    )
    await expect(loadStorageContext(url(''), undefined, userOptions())).rejects.toThrow(
      'the alias after ":" is empty',
    )
    await expect(loadStorageContext(url('v9'), undefined, userOptions())).rejects.toThrow(
      `loadStorageContext("${url('v9')}"): W&B has no artifact ${url('v9')}.`,
    )
    const noKey = userOptions()
    await expect(
      loadStorageContext(url('v0'), undefined, {
        ...noKey,
        env: { ...noKey.env, WANDB_API_KEY: '' },
      }),
    ).rejects.toThrow('no W&B API key is set')
  })

  it('falls back to the cached version of a moving alias, with a warning, when W&B is unreachable', async () => {
    const options = userOptions()
    const first = await loadStorageContext(url('latest'), undefined, options)
    fake().failures.reset({ route: 'graphql' })
    const warnings: string[] = []
    const restore = onWarning((line) => warnings.push(line))
    try {
      const offline = await loadStorageContext(url('latest'), undefined, {
        ...options,
        timeoutMs: 500,
      })
      expect(offline).toMatchObject({ dir: first.dir, fromCache: true })
      expect(warnings).toEqual([expect.stringContaining(`could not reach W&B (`)])
      expect(warnings[0]).toContain(
        `using the cached store:latest (${first.artifact.digest}), which may be out of date`,
      )
      await expect(
        loadStorageContext(url('latest'), undefined, { ...userOptions(), timeoutMs: 500 }),
      ).rejects.toThrow('connection failed')
    } finally {
      restore()
    }
  })
})
