import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeWandb } from '../support/fake-wandb/index.js'
import { bytesUnder } from '../support/files-under.js'
import type { FakeWandb } from '../support/fake-wandb/index.js'
import { readRunRecords } from '../wandb/run-fixtures.js'
import { runFolders } from './support/offline-runs.js'
import { runFixture } from './support/run-fixture.js'
import type { FixtureRun } from './support/run-fixture.js'

const CLI = resolve(import.meta.dirname, '../../dist/cli/main.js')

let fake: FakeWandb
/** A session that persists the fixture's indexes to the fake. */
let persisted: FixtureRun
beforeAll(async () => {
  fake = await createFakeWandb()
  persisted = await runFixture('indexes', [], { ...isolatedEnv(), ...fake.env() })
}, 120_000)
afterAll(async () => {
  await fake.close()
})

function isolatedEnv(): Record<string, string> {
  return {
    HOME: mkdtempSync(join(tmpdir(), 'home-')),
    WANDB_API_KEY: '',
    VITEST_WANDB_CACHE_DIR: mkdtempSync(join(tmpdir(), 'cache-')),
  }
}

describe('indexes persisted by tests', () => {
  it('become artifacts of the session run, one version per distinct content', async () => {
    expect(persisted.exitCode, persisted.stdout + persisted.stderr).toBe(0)
    const handbook = fake.artifacts.filter((artifact) => artifact.collection === 'handbook-index')
    expect(handbook.map((artifact) => artifact.state)).toEqual(['COMMITTED'])
    expect(fake.artifact('handbook-index:latest').createInputs).toHaveLength(1)
    expect(fake.artifact('other-index:latest')).toMatchObject({
      state: 'COMMITTED',
      metadata: { corpus: 'other' },
    })
    expect(Object.keys(fake.artifact('handbook-index:latest').files).sort()).toEqual([
      'doc_store.json',
      'vector_store.json',
    ])
    expect(fake.invalidDocuments).toEqual([])
    expect(fake.keyLeaks).toEqual([])
  })

  it('load back in a later session from the URLs W&B gives, and a file W&B cannot serve fails only its test', async () => {
    expect(persisted.exitCode, persisted.stdout + persisted.stderr).toBe(0)
    const other = fake.artifact('other-index:latest')
    const gone = other.manifest?.contents['doc_store.json']?.digest ?? ''
    const hex = Buffer.from(gone, 'base64').toString('hex')
    const blobs = fake.blobs as Map<string, Uint8Array>
    const original = blobs.get(hex) as Uint8Array
    const into = mkdtempSync(join(tmpdir(), 'loaded-'))
    const start = fake.requests.length
    fake.fileUrls.maxPerPage = 1
    blobs.delete(hex)
    let run: FixtureRun
    try {
      run = await runFixture('load-index', [], { ...isolatedEnv(), ...fake.env(), LOAD_INTO: into })
    } finally {
      blobs.set(hex, original)
      fake.fileUrls.maxPerPage = Number.POSITIVE_INFINITY
    }
    const output = run.stdout + run.stderr
    expect(run.exitCode, output).toBe(1)
    expect(run.stdout).toMatch(/Tests\s+1 failed \| 2 passed/)
    expect(output).toContain(
      `loadStorageContext("e2e-indexes/other-index:latest"): could not download ${fake.entity}/e2e-indexes/other-index (${other.digest}): doc_store.json, fetched from the URL W&B gave for it: HTTP 404`,
    )
    expect(output).not.toMatch(/Unhandled/)
    const handbook = fake.artifact('handbook-index:latest')
    const stored = Object.entries(handbook.files).map(([path, bytes]) => [
      path,
      Buffer.from(bytes ?? []),
    ])
    for (const alias of ['latest', 'v0']) {
      expect(bytesUnder(join(into, alias))).toEqual(Object.fromEntries(stored))
    }
    const downloads = fake.requests
      .slice(start)
      .filter((request) => request.route === 'download' && !request.path.startsWith('/manifests/'))
    expect(downloads.every((download) => download.path.startsWith('/signed/'))).toBe(true)
    expect(downloads.filter((download) => download.status === 404)).toHaveLength(1)
    const queries = fake.requests.slice(start).map((request) => request.operationName)
    expect(queries.filter((name) => name === 'ArtifactFileURLs')).toHaveLength(4)
    const loader = fake.runs.find((candidate) => candidate.usedArtifactIds.length > 0)
    expect(loader?.usedArtifactIds).toContain(handbook.id)
    expect(fake.invalidDocuments).toEqual([])
    expect(fake.keyLeaks).toEqual([])
  })

  it('go into the offline run as artifact records, and reach W&B with vitest-wandb sync', async () => {
    const run = await runFixture('indexes', [], isolatedEnv())
    expect(run.exitCode).toBe(0)
    const folder = runFolders(run.dir)[0]!
    const artifacts = readRunRecords(folder).flatMap((record) =>
      record.kind === 'artifact' ? [record.artifact] : [],
    )
    expect(artifacts.map((artifact) => [artifact.name, artifact.type]).sort()).toEqual([
      ['handbook-index', 'storage_context'],
      ['other-index', 'storage_context'],
    ])
    for (const entry of artifacts.flatMap((artifact) => artifact.manifest?.contents ?? [])) {
      expect(entry.localPath?.startsWith(folder)).toBe(true)
    }
    const before = fake.artifacts.length
    const env = {
      ...process.env,
      ...isolatedEnv(),
      ...fake.env(),
      WANDB_PROJECT: 'e2e-indexes-synced',
    }
    const synced = await promisify(execFile)(process.execPath, [CLI, 'sync', folder], { env })
    expect(synced.stdout).toContain('vitest-wandb: synced')
    expect(fake.artifacts.length).toBeGreaterThanOrEqual(before)
    expect(fake.artifact('other-index:latest', 'e2e-indexes').state).toBe('COMMITTED')
  })
})
