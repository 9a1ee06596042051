import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { digestFile } from '../../../src/wandb/artifacts/file-digest.js'
import { listFiles } from '../../../src/wandb/artifacts/list-files.js'
import {
  artifactDigest,
  manifestBytes,
  manifestJson,
} from '../../../src/wandb/artifacts/manifest.js'
import { prepareArtifact } from '../../../src/indexes/prepare-artifact.js'
import { manifestDigest } from '../../support/fake-wandb/index.js'
import {
  HANDBOOK,
  HANDBOOK_DIGEST,
  removeTempFolders,
  tempFolder,
  writeFiles,
} from './support/temp-folders.js'

const md5Base64 = (bytes: Uint8Array | string): string =>
  createHash('md5').update(bytes).digest('base64')

const segment = fc
  .stringMatching(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,7}$/)
  .filter((s) => !/^\.+$/.test(s))
const relativePath = fc
  .array(segment, { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join('/'))
/** Files whose paths are never both a file and a folder. */
const folderContents = fc
  .uniqueArray(fc.tuple(relativePath, fc.uint8Array({ maxLength: 64 })), {
    minLength: 1,
    maxLength: 6,
    selector: ([path]) => path.toLowerCase(),
  })
  .filter((files) =>
    files.every(([a]) => files.every(([b]) => !b.toLowerCase().startsWith(`${a.toLowerCase()}/`))),
  )

afterAll(removeTempFolders)

describe('the manifest and artifact digest of a folder', () => {
  it('matches the worked example: per-file base64 md5 and size, and the digest', async () => {
    const prepared = await prepareArtifact(writeFiles(tempFolder('example'), HANDBOOK))
    expect(prepared.digest).toBe(HANDBOOK_DIGEST)
    expect(prepared.files.map(({ path, digest, size }) => ({ path, digest, size }))).toEqual([
      { path: 'b.json', digest: 'FQWLbijuCzGeh7JPAFuRhw==', size: 9 },
      { path: 'data/a.txt', digest: 'n5+Q2+Pl7hIYyGuIOdsZlQ==', size: 6 },
    ])
    expect(prepared.bytes).toBe(15)
  })

  it('writes the manifest JSON W&B reads, and declares the md5 of its exact bytes', async () => {
    const { files } = await prepareArtifact(writeFiles(tempFolder('example'), HANDBOOK))
    expect(manifestJson(files)).toEqual({
      version: 1,
      storagePolicy: 'wandb-storage-policy-v1',
      storagePolicyConfig: { storageLayout: 'V2' },
      contents: {
        'b.json': { digest: 'FQWLbijuCzGeh7JPAFuRhw==', size: 9 },
        'data/a.txt': { digest: 'n5+Q2+Pl7hIYyGuIOdsZlQ==', size: 6 },
      },
    })
    const { bytes, digest } = manifestBytes(files)
    expect(JSON.parse(bytes.toString())).toEqual(manifestJson(files))
    expect(digest).toBe(md5Base64(bytes))
    expect(manifestDigest(JSON.parse(bytes.toString()))).toBe(HANDBOOK_DIGEST)
  })

  it('does not depend on the order of the entries', () => {
    const entry = fc.record({ path: relativePath, digest: fc.base64String(), size: fc.nat() })
    const entriesAndShuffle = fc
      .uniqueArray(entry, { minLength: 1, maxLength: 20, selector: (e) => e.path })
      .chain((entries) =>
        fc.tuple(
          fc.constant(entries),
          fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }),
        ),
      )
    fc.assert(
      fc.property(entriesAndShuffle, ([entries, shuffled]) => {
        expect(artifactDigest(shuffled)).toBe(artifactDigest(entries))
        expect(manifestBytes(shuffled).bytes).toEqual(manifestBytes(entries).bytes)
        expect(artifactDigest(entries)).toMatch(/^[0-9a-f]{32}$/)
      }),
    )
  })

  it('changes when any byte of any file changes', async () => {
    await fc.assert(
      fc.asyncProperty(
        folderContents.filter((files) => files.some(([, bytes]) => bytes.length > 0)),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (files, pick, delta) => {
          const dir = writeFiles(tempFolder('bytes'), Object.fromEntries(files))
          const before = await prepareArtifact(dir)
          const nonEmpty = files.filter(([, bytes]) => bytes.length > 0)
          const [path, bytes] = nonEmpty[pick % nonEmpty.length] as [string, Uint8Array]
          const changed = Uint8Array.from(bytes)
          const at = pick % changed.length
          changed[at] = ((changed[at] as number) + delta) % 256
          writeFileSync(join(dir, ...path.split('/')), changed)
          const after = await prepareArtifact(dir)
          expect(after.digest).not.toBe(before.digest)
          expect(after.files.find((file) => file.path === path)?.digest).toBe(md5Base64(changed))
        },
      ),
      { numRuns: 40 },
    )
  })

  it('names files by POSIX paths relative to the folder, in code point order', async () => {
    await fc.assert(
      fc.asyncProperty(folderContents, async (files) => {
        const dir = writeFiles(tempFolder('paths'), Object.fromEntries(files))
        const listed = await listFiles(dir)
        const expected = files
          .map(([path]) => path)
          .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
        expect(listed.map((file) => file.path)).toEqual(expected)
        for (const file of listed) {
          expect(file.path).not.toMatch(/^\/|\\|(^|\/)\.\.?(\/|$)/)
          expect(readFileSync(file.localPath)).toEqual(
            Buffer.from(files.find(([path]) => path === file.path)?.[1] ?? []),
          )
        }
      }),
      { numRuns: 40 },
    )
  })

  it('hashes a file through a buffer smaller than it exactly as one whole-file md5 would', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 200 }),
        fc.integer({ min: 1, max: 17 }),
        async (bytes, chunk) => {
          const path = join(tempFolder('chunks'), 'file.bin')
          writeFileSync(path, bytes)
          const hashed = await digestFile(path, Buffer.alloc(chunk))
          expect(hashed.digest).toBe(md5Base64(bytes))
          expect(hashed.size).toBe(bytes.length)
        },
      ),
      { numRuns: 60 },
    )
  })
})
