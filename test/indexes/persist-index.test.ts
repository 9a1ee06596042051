import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { WandbCallbackHandler } from '../../src/handler.js'
import { ArtifactCache } from '../../src/indexes/artifact-cache.js'
import { persistIndexArtifact } from '../../src/indexes/persist-index.js'
import {
  HANDBOOK,
  HANDBOOK_DIGEST,
  removeTempFolders,
  tempFolder,
  writeFiles,
} from '../wandb/artifacts/support/temp-folders.js'

afterAll(removeTempFolders)
afterEach(() => {
  vi.unstubAllEnvs()
})

function freshCache(): ArtifactCache {
  return new ArtifactCache(tempFolder('cache'))
}

/** An object that persists like a LlamaIndex store would, and remembers where. */
function persistable(files: Record<string, string>) {
  const dirs: string[] = []
  return {
    dirs,
    index: {
      persist: async (dir: string) => {
        dirs.push(dir)
        writeFiles(dir, files)
      },
    },
  }
}

function stagingLeftovers(cache: ArtifactCache): string[] {
  const dir = join(cache.root, 'artifacts')
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.startsWith('.staging-')) : []
}

describe('persistIndex', () => {
  it('makes a storage_context artifact of a folder, staged in the cache by digest, and keeps the folder', async () => {
    const cache = freshCache()
    const dir = writeFiles(tempFolder('index'), HANDBOOK)
    const persisted = await persistIndexArtifact(dir, 'handbook-index', undefined, { cache })
    expect(persisted).toMatchObject({
      name: 'handbook-index',
      type: 'storage_context',
      digest: HANDBOOK_DIGEST,
      metadata: {},
    })
    expect(persisted.files.map(({ path, digest, size }) => [path, digest, size])).toEqual([
      ['b.json', 'FQWLbijuCzGeh7JPAFuRhw==', 9],
      ['data/a.txt', 'n5+Q2+Pl7hIYyGuIOdsZlQ==', 6],
    ])
    for (const file of persisted.files) {
      expect(
        file.localPath.startsWith(join(cache.root, 'artifacts', HANDBOOK_DIGEST, 'files')),
      ).toBe(true)
      expect(readFileSync(file.localPath, 'utf8')).toBe(
        HANDBOOK[file.path as keyof typeof HANDBOOK],
      )
    }
    expect(readdirSync(dir).sort()).toEqual(['b.json', 'data'])
    expect(JSON.parse(JSON.stringify(persisted))).toEqual(persisted)
  })

  it('persists an object with persist(dir) into a temporary folder and removes that folder afterwards', async () => {
    const cache = freshCache()
    const { index, dirs } = persistable(HANDBOOK)
    const persisted = await persistIndexArtifact(index, 'handbook-index', undefined, { cache })
    expect(persisted.digest).toBe(HANDBOOK_DIGEST)
    expect(dirs).toHaveLength(1)
    expect(existsSync(dirs[0] as string)).toBe(false)
    expect(persisted.files.every((file) => existsSync(file.localPath))).toBe(true)
    expect(stagingLeftovers(cache)).toEqual([])
  })

  it('keeps an explicit persistDir with the persisted files in it (the seed raised here)', async () => {
    const cache = freshCache()
    const { index, dirs } = persistable(HANDBOOK)
    const persistDir = join(tempFolder('explicit'), 'nested', 'storage')
    const persisted = await persistIndexArtifact(index, 'handbook-index', persistDir, { cache })
    expect(dirs).toEqual([persistDir])
    expect(readFileSync(join(persistDir, 'data', 'a.txt'), 'utf8')).toBe('alpha\n')
    expect(persisted.digest).toBe(HANDBOOK_DIGEST)
    expect(persisted.files.every((file) => !file.localPath.startsWith(persistDir))).toBe(true)
  })

  it('stages the same content once, however many times it is persisted', async () => {
    const cache = freshCache()
    const first = await persistIndexArtifact(
      writeFiles(tempFolder('a'), HANDBOOK),
      'one',
      undefined,
      { cache },
    )
    const second = await persistIndexArtifact(persistable(HANDBOOK).index, 'two', undefined, {
      cache,
    })
    expect(second.digest).toBe(first.digest)
    expect(second.files.map((file) => file.localPath)).toEqual(
      first.files.map((file) => file.localPath),
    )
    expect(readdirSync(join(cache.root, 'artifacts'))).toEqual([HANDBOOK_DIGEST])
  })

  it('stages again when the cached copy was changed after it was staged', async () => {
    const cache = freshCache()
    const first = await persistIndexArtifact(
      writeFiles(tempFolder('a'), HANDBOOK),
      'one',
      undefined,
      { cache },
    )
    writeFileSync(first.files[0]?.localPath as string, 'tampered')
    expect(await cache.find(HANDBOOK_DIGEST)).toBeUndefined()
    const again = await persistIndexArtifact(
      writeFiles(tempFolder('b'), HANDBOOK),
      'one',
      undefined,
      { cache },
    )
    expect(readFileSync(again.files[0]?.localPath as string, 'utf8')).toBe('{"x": 1}\n')
    expect(await cache.find(HANDBOOK_DIGEST)).toBeDefined()
  })

  it("puts the index's root id and the user's metadata into the artifact metadata", async () => {
    const cache = freshCache()
    const { index } = persistable(HANDBOOK)
    const withStruct = Object.assign(index, { indexStruct: { indexId: 'root-42' } })
    const persisted = await persistIndexArtifact(withStruct, 'handbook-index', undefined, {
      cache,
      metadata: { fixture: 'handbook', chunks: 2, when: new Date(0) },
    })
    expect(persisted.metadata).toEqual({
      root_id: 'root-42',
      fixture: 'handbook',
      chunks: 2,
      when: '1970-01-01T00:00:00.000Z',
    })
    const composed = { rootId: 'graph-root', ...persistable(HANDBOOK).index }
    expect((await persistIndexArtifact(composed, 'graph', undefined, { cache })).metadata).toEqual({
      root_id: 'graph-root',
    })
  })

  it('rejects bad input with one sentence naming the problem', async () => {
    const cache = freshCache()
    const reject = (
      index: unknown,
      name: string,
      persistDir?: string,
      metadata?: Record<string, unknown>,
    ) =>
      persistIndexArtifact(index, name, persistDir, {
        cache,
        ...(metadata === undefined ? {} : { metadata }),
      })
    const missing = join(tempFolder('missing'), 'nowhere')
    await expect(reject(missing, 'idx')).rejects.toThrow(
      `persistIndex("idx"): the folder ${missing} does not exist.`,
    )
    const empty = tempFolder('empty')
    await expect(reject(empty, 'idx')).rejects.toThrow(
      `persistIndex("idx"): the folder ${empty} holds no files.`,
    )
    const file = join(writeFiles(tempFolder('file'), { 'x.txt': 'x' }), 'x.txt')
    await expect(reject(file, 'idx')).rejects.toThrow(`${file} is not a folder`)
    await expect(reject(writeFiles(tempFolder('ok'), HANDBOOK), 'my index!')).rejects.toThrow(
      'persistIndex("my index!"): the index name "my index!" is not a valid W&B artifact name',
    )
    await expect(reject(writeFiles(tempFolder('ok'), HANDBOOK), 'x'.repeat(129))).rejects.toThrow(
      'at most 128',
    )
    await expect(reject({ docs: [] }, 'idx')).rejects.toThrow(
      'persistIndex takes a folder path, a LlamaIndex index',
    )
    await expect(
      reject(writeFiles(tempFolder('ok'), HANDBOOK), 'idx', undefined, { big: 1n }),
    ).rejects.toThrow('metadata must be JSON-serializable')
    await expect(reject({ persist: () => undefined }, 'idx')).rejects.toThrow(
      'persistIndex("idx"): persisting the index wrote no files.',
    )
    await expect(
      reject({ persist: () => Promise.reject(new Error('disk full')) }, 'idx'),
    ).rejects.toThrow('the index could not be persisted to')
    expect(stagingLeftovers(cache)).toEqual([])
  })

  it('refuses a folder index together with a different persistDir', async () => {
    const dir = writeFiles(tempFolder('index'), HANDBOOK)
    const other = tempFolder('other')
    await expect(persistIndexArtifact(dir, 'idx', other, { cache: freshCache() })).rejects.toThrow(
      `the index is the folder ${dir}; leave out persistDir`,
    )
    await expect(
      persistIndexArtifact(dir, 'idx', dir, { cache: freshCache() }),
    ).resolves.toMatchObject({
      digest: HANDBOOK_DIGEST,
    })
  })
})

describe('handler.persistIndex without a W&B run', () => {
  it('records each persisted index once per name and content in handler.persistedIndexes', async () => {
    vi.stubEnv('VITEST_WANDB_CACHE_DIR', tempFolder('handler-cache'))
    const handler = new WandbCallbackHandler()
    const dir = writeFiles(tempFolder('index'), HANDBOOK)
    const returned = await handler.persistIndex(dir, 'handbook-index')
    await handler.persistIndex(persistable(HANDBOOK).index, 'handbook-index')
    await handler.persistIndex(dir, 'copy-of-handbook', undefined, { metadata: { n: 1 } })
    expect(handler.persistedIndexes.map((each) => [each.name, each.digest, each.metadata])).toEqual(
      [
        ['handbook-index', HANDBOOK_DIGEST, {}],
        ['copy-of-handbook', HANDBOOK_DIGEST, { n: 1 }],
      ],
    )
    expect(handler.persistedIndexes[0]).toEqual(returned)
    expect(
      returned.files[0]?.localPath.startsWith(process.env['VITEST_WANDB_CACHE_DIR'] as string),
    ).toBe(true)
  })
})
