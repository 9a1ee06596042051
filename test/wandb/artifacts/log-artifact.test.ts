import { existsSync, readFileSync } from 'node:fs'
import { join, sep } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { persistIndexArtifact } from '../../../src/indexes/persist-index.js'
import { ArtifactCache } from '../../../src/indexes/artifact-cache.js'
import type { PersistedIndex } from '../../../src/wandb/artifacts/artifact-types.js'
import { logArtifact } from '../../../src/wandb/artifacts/log-artifact.js'
import { readSyncProgress } from '../../../src/wandb/sender/send-progress.js'
import { uploadArtifactRecord } from '../../../src/wandb/artifacts/upload-artifact-record.js'
import type { ArtifactRecord, WandbRecord } from '../../../src/wandb/offline/records.js'
import { WandbRun } from '../../../src/wandb/wandb-run.js'
import { onWarning } from '../../../src/warnings.js'
import { fakeRunSettings, readRunRecords, runOptions } from '../run-fixtures.js'
import { FAST_RETRIES, fakeRunTarget, storagePuts } from './support/fake-target.js'
import { HANDBOOK, HANDBOOK_DIGEST, tempFolder, writeFiles } from './support/temp-folders.js'
import { useArtifactFakeWandb } from './support/use-artifact-fake-wandb.js'

const fake = useArtifactFakeWandb()
let warnings: string[]
let restoreWarnings: () => void

afterEach(async () => {
  restoreWarnings?.()
})

function captureWarnings(): void {
  warnings = []
  restoreWarnings = onWarning((line) => warnings.push(line))
}

/** What one test's `persistIndex` hands over: its own cache, its own copy of the files. */
async function persistedByATest(
  name = 'handbook-index',
  files: Record<string, string> = HANDBOOK,
): Promise<PersistedIndex> {
  return persistIndexArtifact(writeFiles(tempFolder('index'), files), name, undefined, {
    cache: new ArtifactCache(tempFolder('cache')),
    metadata: { source: 'fixtures' },
  })
}

function onlineRun(project: string): WandbRun {
  return new WandbRun(runOptions(fakeRunSettings(fake().mswBaseUrl, fake().apiKey, { project })))
}

function artifactRecords(records: readonly WandbRecord[]): ArtifactRecord[] {
  return records.flatMap((record) => (record.kind === 'artifact' ? [record.artifact] : []))
}

describe('logArtifact into an online run', () => {
  it('uploads the artifact as an output of the run, from its record in the log, and keeps no copy once sent', async () => {
    const run = onlineRun('log-online')
    const logged = await logArtifact(run, await persistedByATest())
    expect(logged).toMatchObject({
      kind: 'uploaded',
      upload: { state: 'committed', versionIndex: 0 },
    })
    const outcome = await run.finish({}, 0)
    expect(outcome.kind).toBe('online')
    const stored = fake().artifact('handbook-index:v0', 'log-online')
    expect(stored).toMatchObject({
      digest: HANDBOOK_DIGEST,
      runName: fake().runs.find((r) => r.project === 'log-online')?.name,
    })
    expect(stored.metadata).toEqual({ source: 'fixtures' })
    expect(existsSync(join(run.dir, 'artifacts'))).toBe(false)
    expect(artifactRecords(readRunRecords(run.dir)).map((record) => record.name)).toEqual([
      'handbook-index',
    ])
    expect(readSyncProgress(run.dir)).toMatchObject({ artifacts: 1 })
  })

  it('makes one artifact version of the same content persisted by many tests', async () => {
    const run = onlineRun('log-many')
    const putsBefore = storagePuts(fake())
    const files = { 'docs.json': '{"many": 1}\n', 'index.json': '{"many": 2}\n', 'v.json': '[]\n' }
    const results = await Promise.all(
      [1, 2, 3].map(async () => logArtifact(run, await persistedByATest('many-index', files))),
    )
    expect(results.map((result) => result.kind)).toEqual(['uploaded', 'uploaded', 'uploaded'])
    await run.finish({}, 0)
    const versions = fake().artifacts.filter((artifact) => artifact.project === 'log-many')
    expect(versions).toHaveLength(1)
    expect(versions[0]?.createInputs).toHaveLength(1)
    expect(storagePuts(fake()) - putsBefore).toBe(4)

    const nextSession = onlineRun('log-many')
    const again = await logArtifact(nextSession, await persistedByATest('many-index', files))
    expect(again).toMatchObject({
      kind: 'uploaded',
      upload: { state: 'existing', uploadedBytes: 0 },
    })
    await nextSession.finish({}, 0)
    expect(fake().artifacts.filter((artifact) => artifact.project === 'log-many')).toHaveLength(1)
    expect(storagePuts(fake()) - putsBefore).toBe(4)
  })

  it('records the artifact in the run when W&B refuses it, warns, and the run ends offline', async () => {
    captureWarnings()
    const run = onlineRun('log-refused')
    fake().failures.failNext({ operation: 'CreateArtifact' }, 100, 400)
    const logged = await logArtifact(run, await persistedByATest('refused-index'))
    expect(logged).toMatchObject({
      kind: 'recorded',
      reason: expect.stringContaining('could not upload artifact refused-index (createArtifact)'),
    })
    expect(warnings).toEqual([
      expect.stringMatching(
        /could not upload artifact refused-index .*saved in the run folder and uploads when the run is synced/,
      ),
    ])
    const outcome = await run.finish({}, 0)
    expect(outcome.kind).toBe('fallback')
    const [record] = artifactRecords(readRunRecords(outcome.dir))
    expect(record?.name).toBe('refused-index')
    for (const entry of record?.manifest?.contents ?? []) {
      expect(entry.localPath?.startsWith(`${outcome.dir}${sep}artifacts${sep}`)).toBe(true)
      expect(readFileSync(entry.localPath as string, 'utf8')).toBe(
        HANDBOOK[entry.path as keyof typeof HANDBOOK],
      )
    }
  })

  it('records the artifact, with no warning of its own, when the run is never created while it waits', async () => {
    captureWarnings()
    fake().failures.inject({ operation: 'UpsertBucket', mode: { kind: 'hang' } })
    const settings = fakeRunSettings(fake().mswBaseUrl, fake().apiKey, { project: 'log-no-run' })
    const run = new WandbRun(runOptions(settings, [], 1_000))
    const logged = await logArtifact(run, await persistedByATest('waiting-index'))
    expect(logged).toEqual({ kind: 'recorded', reason: undefined })
    expect(warnings).toEqual([])
    const outcome = await run.finish({}, 0)
    expect(outcome.kind).toBe('fallback')
    expect(artifactRecords(readRunRecords(outcome.dir)).map((record) => record.name)).toEqual([
      'waiting-index',
    ])
  })
})

describe('logArtifact into an offline run', () => {
  it('writes an artifact record whose local paths are copies inside the run folder', async () => {
    const settings = fakeRunSettings(fake().mswBaseUrl, undefined, { project: 'log-offline' })
    const run = new WandbRun(runOptions(settings))
    const index = await persistedByATest()
    expect(await logArtifact(run, index)).toEqual({ kind: 'recorded', reason: undefined })
    expect(await logArtifact(run, await persistedByATest())).toEqual({
      kind: 'recorded',
      reason: undefined,
    })
    const outcome = await run.finish({}, 0)
    const records = artifactRecords(readRunRecords(outcome.dir))
    expect(records).toHaveLength(1)
    const [record] = records as [ArtifactRecord]
    expect(record).toMatchObject({
      runId: settings.runId,
      project: 'log-offline',
      entity: 'test-entity',
      type: 'storage_context',
      name: 'handbook-index',
      digest: HANDBOOK_DIGEST,
      aliases: ['latest'],
      finalize: true,
      manifest: {
        version: 1,
        storagePolicy: 'wandb-storage-policy-v1',
        storagePolicyConfig: [{ key: 'storageLayout', valueJson: '"V2"' }],
      },
    })
    expect(JSON.parse(record.metadata ?? '')).toEqual({ source: 'fixtures' })
    expect(record.clientId).toMatch(/^[0-9a-f]{32}$/)
    const entries = record.manifest?.contents ?? []
    expect(entries.map(({ path, digest, size }) => [path, digest, size])).toEqual([
      ['b.json', 'FQWLbijuCzGeh7JPAFuRhw==', 9],
      ['data/a.txt', 'n5+Q2+Pl7hIYyGuIOdsZlQ==', 6],
    ])
    for (const entry of entries) {
      expect(entry.localPath).toBe(
        join(run.dir, 'artifacts', HANDBOOK_DIGEST, ...(entry.path ?? '').split('/')),
      )
      expect(index.files.map((file) => file.localPath)).not.toContain(entry.localPath)
      expect(readFileSync(entry.localPath as string, 'utf8')).toBe(
        HANDBOOK[entry.path as keyof typeof HANDBOOK],
      )
    }
  })

  it('uploads such a record later with uploadArtifactRecord, as a sync does', async () => {
    const run = new WandbRun(
      runOptions(fakeRunSettings(fake().mswBaseUrl, undefined, { project: 'log-sync' })),
    )
    await logArtifact(
      run,
      await persistedByATest('synced-index', { 'only-here.json': '{"sync": 1}\n' }),
    )
    const outcome = await run.finish({}, 0)
    const [record] = artifactRecords(readRunRecords(outcome.dir)) as [ArtifactRecord]
    const to = await fakeRunTarget(fake(), 'log-sync', record.runId ?? '')
    const uploaded = await uploadArtifactRecord(to.client, to.run, record, { policy: FAST_RETRIES })
    expect(uploaded).toMatchObject({ ok: true, value: { state: 'committed', uploadedFiles: 1 } })
    const stored = fake().artifact('synced-index:v0', 'log-sync')
    expect(stored).toMatchObject({
      digest: record.digest,
      runName: record.runId,
      type: 'storage_context',
    })
    expect(stored.createInputs[0]).toMatchObject({
      clientID: record.clientId,
      sequenceClientID: record.sequenceClientId,
    })
    expect(Buffer.from(stored.files['only-here.json'] ?? []).toString()).toBe('{"sync": 1}\n')
    expect(fake().errors).toEqual([])
  })

  it('refuses a record it cannot upload, with a reason', async () => {
    const to = await fakeRunTarget(fake(), 'log-bad-record', 'bad-record-run')
    const noPaths: ArtifactRecord = {
      name: 'x',
      type: 'storage_context',
      digest: HANDBOOK_DIGEST,
      manifest: { version: 1, contents: [{ path: 'a', digest: 'AAAA', size: 1 }] },
    }
    expect(await uploadArtifactRecord(to.client, to.run, noPaths)).toEqual({
      ok: false,
      reason: 'artifact x: a manifest entry has no path, digest or local_path',
    })
    expect(
      await uploadArtifactRecord(to.client, to.run, { type: 'storage_context' }),
    ).toMatchObject({ ok: false })
  })
})
