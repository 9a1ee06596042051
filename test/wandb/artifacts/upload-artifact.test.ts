import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { persistIndexArtifact } from '../../../src/indexes/persist-index.js'
import { ArtifactCache } from '../../../src/indexes/artifact-cache.js'
import type { PersistedIndex } from '../../../src/wandb/artifacts/artifact-types.js'
import { toUpload } from './support/to-upload.js'
import { uploadArtifact } from '../../../src/wandb/artifacts/upload-artifact.js'
import { FAST_RETRIES, fakeRunTarget, storagePuts } from './support/fake-target.js'
import { HANDBOOK, HANDBOOK_DIGEST, tempFolder, writeFiles } from './support/temp-folders.js'
import { useArtifactFakeWandb } from './support/use-artifact-fake-wandb.js'

const fake = useArtifactFakeWandb()

let runs = 0
async function persisted(
  files: Record<string, string | Uint8Array>,
  name: string,
): Promise<PersistedIndex> {
  const cache = new ArtifactCache(tempFolder('cache'))
  return persistIndexArtifact(writeFiles(tempFolder('index'), files), name, undefined, {
    cache,
    metadata: { fixture: name },
  })
}
async function target(project: string) {
  runs += 1
  return fakeRunTarget(fake(), project, `run-${runs}`)
}

describe('uploading an index artifact', () => {
  it('creates, uploads, commits and links a new artifact as an output of the run', async () => {
    const to = await target('upload-new')
    const index = await persisted(HANDBOOK, 'handbook-index')
    const putsBefore = storagePuts(fake())
    const uploaded = await uploadArtifact(to, toUpload(index), { policy: FAST_RETRIES })
    expect(uploaded).toEqual({
      ok: true,
      value: {
        id: expect.any(String),
        state: 'committed',
        versionIndex: 0,
        uploadedFiles: 2,
        uploadedBytes: 15,
      },
    })
    const stored = fake().artifact('handbook-index:v0', 'upload-new')
    expect(stored).toMatchObject({
      type: 'storage_context',
      digest: HANDBOOK_DIGEST,
      state: 'COMMITTED',
      runName: to.run.runId,
    })
    expect(stored.aliases.sort()).toEqual(['latest', 'v0'])
    expect(stored.metadata).toEqual({ fixture: 'handbook-index' })
    expect(Buffer.from(stored.files['data/a.txt'] ?? []).toString()).toBe('alpha\n')
    expect(Buffer.from(stored.files['b.json'] ?? []).toString()).toBe('{"x": 1}\n')
    expect(stored.createInputs[0]).toMatchObject({
      digestAlgorithm: 'MANIFEST_MD5',
      enableDigestDeduplication: true,
    })
    expect(storagePuts(fake()) - putsBefore).toBe(3)
    expect(fake().errors).toEqual([])
  })

  it('uploads zero bytes for content W&B already has, and makes no second version', async () => {
    const to = await target('upload-dedup')
    const first = await persisted(HANDBOOK, 'dedup-index')
    const second = await persisted(HANDBOOK, 'dedup-index')
    await uploadArtifact(to, toUpload(first), { policy: FAST_RETRIES })
    const putsBefore = storagePuts(fake())
    const again = await uploadArtifact(to, toUpload(second), { policy: FAST_RETRIES })
    expect(again).toMatchObject({
      ok: true,
      value: { state: 'existing', uploadedFiles: 0, uploadedBytes: 0 },
    })
    expect(storagePuts(fake())).toBe(putsBefore)
    expect(fake().artifacts.filter((artifact) => artifact.project === 'upload-dedup')).toHaveLength(
      1,
    )
  })

  it('PUTs only the files whose bytes W&B does not have yet', async () => {
    const to = await target('upload-delta')
    await uploadArtifact(to, toUpload(await persisted(HANDBOOK, 'delta-index')), {
      policy: FAST_RETRIES,
    })
    const putsBefore = storagePuts(fake())
    const changed = await persisted({ ...HANDBOOK, 'b.json': '{"x": 2}\n' }, 'delta-index')
    const uploaded = await uploadArtifact(to, toUpload(changed), { policy: FAST_RETRIES })
    expect(uploaded).toMatchObject({
      ok: true,
      value: { state: 'committed', versionIndex: 1, uploadedFiles: 1, uploadedBytes: 9 },
    })
    expect(storagePuts(fake()) - putsBefore).toBe(2)
    expect(fake().artifact('delta-index:latest', 'upload-delta').digest).toBe(changed.digest)
  })

  it('retries a PUT that fails twice and still commits', async () => {
    const to = await target('upload-retry')
    const rule = fake().failures.failNext('upload', 2, 500)
    const index = await persisted({ 'one.bin': randomBytes(1000) }, 'retry-index')
    const uploaded = await uploadArtifact(to, toUpload(index), { policy: FAST_RETRIES })
    expect(uploaded).toMatchObject({ ok: true, value: { state: 'committed', uploadedFiles: 1 } })
    expect(rule.failed).toBe(2)
    expect(fake().artifact('retry-index:v0', 'upload-retry').state).toBe('COMMITTED')
  })

  it('returns an error value naming the file when storage refuses it for good', async () => {
    const to = await target('upload-refused')
    fake().failures.failNext('upload', 1, 403)
    const index = await persisted({ 'refused.json': '{}' }, 'refused-index')
    const uploaded = await uploadArtifact(to, toUpload(index), { policy: FAST_RETRIES })
    expect(uploaded.ok).toBe(false)
    expect(!uploaded.ok && uploaded.reason).toMatch(
      /could not upload artifact refused-index \(uploading its files\): refused\.json: HTTP 403/,
    )
    expect(
      fake().artifacts.find((artifact) => artifact.collection === 'refused-index')?.state,
    ).toBe('PENDING')
  })

  it('returns an error value when W&B cannot be reached', async () => {
    const to = await target('upload-down')
    fake().failures.reset({ route: 'graphql' })
    const uploaded = await uploadArtifact(to, toUpload(await persisted(HANDBOOK, 'down-index')), {
      policy: FAST_RETRIES,
      timeoutMs: 1_000,
    })
    expect(uploaded.ok).toBe(false)
    expect(!uploaded.ok && uploaded.reason).toContain(
      'could not upload artifact down-index (createArtifact)',
    )
  })

  it('prints a progress line for uploads over a few megabytes, and none for small ones', async () => {
    const to = await target('upload-progress')
    const lines: string[] = []
    const big = await persisted({ 'vectors.bin': randomBytes(9 * 1024 * 1024) }, 'big-index')
    await uploadArtifact(to, toUpload(big), {
      policy: FAST_RETRIES,
      log: (line) => lines.push(line),
    })
    expect(lines[0]).toBe('vitest-wandb: uploading artifact big-index: 1 file, 9.0 MB')
    expect(lines.at(-1)).toMatch(
      /^vitest-wandb: uploaded artifact big-index:v0 \(9\.0 MB in \d+\.\d s\)$/,
    )
    const quiet: string[] = []
    await uploadArtifact(to, toUpload(await persisted({ 'small.json': '{}' }, 'small-index')), {
      policy: FAST_RETRIES,
      log: (line) => quiet.push(line),
    })
    expect(quiet).toEqual([])
  })
})
