import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeWandb } from '../support/fake-wandb/index.js'
import type { FakeWandb } from '../support/fake-wandb/index.js'
import { readRunRecords } from '../wandb/run-fixtures.js'
import { runFolders } from './support/offline-runs.js'
import { runFixture } from './support/run-fixture.js'

const CLI = resolve(import.meta.dirname, '../../dist/cli/main.js')

let fake: FakeWandb
beforeAll(async () => {
  fake = await createFakeWandb()
})
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
    const run = await runFixture('indexes', [], { ...isolatedEnv(), ...fake.env() })
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
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
