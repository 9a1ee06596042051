import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFakeWandb } from '../support/fake-wandb/index.js'
import type { FakeWandb } from '../support/fake-wandb/index.js'
import { allFileContents, historyRows, readRunRecords } from '../wandb/run-fixtures.js'
import { runFolders } from './support/offline-runs.js'
import { copyFixture, runVitest } from './support/run-fixture.js'
import type { FixtureRun } from './support/run-fixture.js'

const TOKEN = 'glcbt-64_e2eRemoteT0ken-9f8e7d'
const BASE_PASSWORD = 'base-url-s3cret-4c5d'
const REMOTE = `https://gitlab-ci-token:${TOKEN}@gitlab.example.com/team/rag.git`
const RECORDED_REMOTE = 'https://gitlab.example.com/team/rag.git'
const TESTS_IN_FIXTURE = 5

let fake: FakeWandb
beforeAll(async () => {
  fake = await createFakeWandb({ secrets: [TOKEN, BASE_PASSWORD] })
})
afterAll(async () => {
  await fake.close()
})

/**
 * The fixture as a CI checkout: its own repository, one commit, an origin remote that holds a token.
 * The repository lives outside the project (a `.git` file points to it), so that every file under
 * the project is one the run wrote or the fixture brought.
 */
function checkout(): { dir: string; commit: string } {
  const dir = copyFixture('passing')
  const gitDir = join(mkdtempSync(join(tmpdir(), 'checkout-')), 'repo.git')
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim()
  git('init', '-q', '--separate-git-dir', gitDir)
  git('remote', 'add', 'origin', REMOTE)
  git('add', '.')
  git('-c', 'user.name=vitest-wandb', '-c', 'user.email=tests@example.com', 'commit', '-qm', 'ci')
  return { dir, commit: git('rev-parse', 'HEAD') }
}

/** What the run gets besides W&B's variables: no ~/.netrc, the artifact cache inside the project. */
function isolatedEnv(dir: string): Record<string, string> {
  return {
    HOME: mkdtempSync(join(tmpdir(), 'home-')),
    VITEST_WANDB_CACHE_DIR: join(dir, '.artifact-cache'),
  }
}

function baseUrlWithPassword(): string {
  return fake.baseUrl.replace('http://', `http://e2e-user:${BASE_PASSWORD}@`)
}

/** Every secret of the run, in each form it could be written: raw, URL-encoded, Basic-encoded. */
function secretForms(): string[] {
  const basic = Buffer.from(`api:${fake.apiKey}`).toString('base64')
  return [TOKEN, BASE_PASSWORD, fake.apiKey, basic].flatMap((secret) => [
    secret,
    encodeURIComponent(secret),
  ])
}

function expectNoSecrets(run: FixtureRun): void {
  const written = allFileContents(run.dir)
  for (const secret of secretForms()) {
    expect(written, `a file under the project holds ${secret}`).not.toContain(secret)
    expect(run.stdout).not.toContain(secret)
    expect(run.stderr).not.toContain(secret)
  }
}

function expectOneBaseUrlWarning(run: FixtureRun): void {
  const warnings = run.stderr.split('\n').filter((line) => line.includes('WANDB_BASE_URL'))
  expect(warnings).toEqual([
    `vitest-wandb: WANDB_BASE_URL holds credentials or a query, which are not sent (W&B is authenticated by the API key alone); using ${fake.baseUrl} — remove them from WANDB_BASE_URL.`,
  ])
}

describe('secrets in a CI checkout', () => {
  it('stay out of every file of an offline run, even with an API key set', async () => {
    const { dir, commit } = checkout()
    const requests = fake.requests.length
    const run = await runVitest(dir, ['run'], {
      ...isolatedEnv(dir),
      ...fake.env(baseUrlWithPassword()),
      WANDB_MODE: 'offline',
    })
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    const folders = runFolders(dir)
    expect(folders).toHaveLength(1)
    const records = readRunRecords(folders[0]!)
    const runRecord = records.find((record) => record.kind === 'run')
    expect(runRecord?.kind === 'run' && runRecord.run.git).toEqual({
      remoteUrl: RECORDED_REMOTE,
      commit,
    })
    expect(historyRows(records)).toHaveLength(TESTS_IN_FIXTURE)
    expect(records.filter((record) => record.kind === 'artifact')).toHaveLength(1)
    expect(readdirSync(join(dir, '.artifact-cache'))).not.toEqual([])
    expect(readdirSync(join(dir, '.vitest-wandb'))).not.toEqual([])
    expect(fake.requests.length).toBe(requests)
    expectOneBaseUrlWarning(run)
    expectNoSecrets(run)
  })

  it('stay out of every request, file and line of output of an online run', async () => {
    const { dir, commit } = checkout()
    const run = await runVitest(dir, ['run'], {
      ...isolatedEnv(dir),
      ...fake.env(baseUrlWithPassword()),
    })
    expect(run.exitCode, run.stdout + run.stderr).toBe(0)
    const folders = runFolders(dir)
    expect(folders.map((folder) => basename(folder))).toEqual([
      expect.stringMatching(/^run-\d{8}_\d{6}-[a-z0-9]{8}$/),
    ])
    expect(existsSync(join(dir, '.artifact-cache'))).toBe(true)
    const logged = fake.run(folders[0]!.slice(-8))
    expect(logged).toMatchObject({ jobRepo: RECORDED_REMOTE, commit, complete: true, exitcode: 0 })
    expect(logged.history).toHaveLength(TESTS_IN_FIXTURE)
    expect(fake.artifact('passing-index:latest', 'e2e-passing').state).toBe('COMMITTED')
    expect(run.stdout).toContain(`${fake.baseUrl}/test-entity/e2e-passing/runs/${logged.name}`)
    expect(fake.secretLeaks).toEqual([])
    expect(fake.keyLeaks).toEqual([])
    expect(fake.invalidDocuments).toEqual([])
    expectOneBaseUrlWarning(run)
    expectNoSecrets(run)
  })
})
