import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { RunPath } from '../../../src/wandb/file-stream.js'
import { downloadRunFile } from '../../../src/wandb/runs/download-run-file.js'
import { useMswFakeWandb } from '../../support/fake-wandb/use-fake-wandb.js'
import { fakeClient, seedRun } from './support/seed-run.js'

const SESSION_FILE = 'vitest-wandb/session.jsonl'
const WHY_MISSING = 'it was logged by an older vitest-wandb or its session file was off'
const SESSION = '{"kind":"session"}\n{"kind":"test","id":"a.test.ts > adds"}\n'
const LARGE = randomBytes(3 * 1024 * 1024 + 17)

const fake = useMswFakeWandb()
const folder = mkdtempSync(join(tmpdir(), 'vitest-wandb-run-files-'))
let run: RunPath

beforeAll(async () => {
  run = await seedRun(fake(), {
    project: 'evals',
    runId: 'baseline',
    branch: 'main',
    exitCode: 0,
    files: { [SESSION_FILE]: SESSION, 'large.bin': LARGE },
  })
})

afterEach(() => {
  expect(fake().invalidDocuments).toEqual([])
  expect(fake().keyLeaks).toEqual([])
})

afterAll(() => rmSync(folder, { recursive: true, force: true }))

const options = { timeoutMs: 5_000, whyMissing: WHY_MISSING }
let targets = 0
const target = () => join(folder, `t${(targets += 1)}`, 'session.jsonl')

/** Storage GETs the fake has seen so far. */
const downloads = () => fake().requests.filter((request) => request.route === 'download').length

/** What is left in a download's folder: nothing, or the file, but never a partial one. */
const leftIn = (path: string) => readdirSync(join(path, '..'))

describe('downloadRunFile', () => {
  it('downloads a run file byte for byte, from its storage URL without the key', async () => {
    const to = target()
    const got = await downloadRunFile(fakeClient(fake()), run, SESSION_FILE, to, options)
    expect(got).toEqual({ ok: true, value: undefined })
    expect(readFileSync(to, 'utf8')).toBe(SESSION)
    expect(leftIn(to)).toEqual(['session.jsonl'])
  })

  it('streams a file of a few MB to disk, checked against its size and md5', async () => {
    const to = target()
    const got = await downloadRunFile(fakeClient(fake()), run, 'large.bin', to, options)
    expect(got.ok).toBe(true)
    expect(readFileSync(to).equals(LARGE)).toBe(true)
  })

  it('says W&B has no such run', async () => {
    const missing = { ...run, runId: 'nope' }
    const to = target()
    const got = await downloadRunFile(fakeClient(fake()), missing, SESSION_FILE, to, options)
    expect(got).toEqual({ ok: false, reason: `W&B has no run ${fake().entity}/evals/nope` })
    expect(existsSync(to)).toBe(false)
  })

  it('says the run has no such file, and why a run may lack it, when its storage has none (404)', async () => {
    const other = await seedRun(fake(), {
      project: 'evals',
      runId: 'older',
      branch: 'main',
      exitCode: 0,
    })
    const to = target()
    const got = await downloadRunFile(fakeClient(fake()), other, SESSION_FILE, to, options)
    expect(got).toEqual({
      ok: false,
      reason: `the run ${fake().entity}/evals/older has no file vitest-wandb/session.jsonl: it was logged by an older vitest-wandb or its session file was off`,
    })
    expect(leftIn(to)).toEqual([])
  })

  it('says the key was rejected when W&B answers 401', async () => {
    const client = fakeClient(fake(), 'f'.repeat(40))
    const got = await downloadRunFile(client, run, SESSION_FILE, target(), options)
    expect(got).toEqual({ ok: false, reason: 'W&B rejected the API key (HTTP 401)', status: 401 })
  })

  it('retries a storage URL that fails, then succeeds', async () => {
    fake().failures.failNext('download', 2, 503)
    const before = downloads()
    const to = target()
    const got = await downloadRunFile(fakeClient(fake()), run, SESSION_FILE, to, options)
    expect(got.ok).toBe(true)
    expect(downloads() - before).toBe(3)
    expect(readFileSync(to, 'utf8')).toBe(SESSION)
  })

  it('says how the storage failed when it keeps failing, as the client words it', async () => {
    fake().failures.failNext('download', 10, 500)
    const got = await downloadRunFile(fakeClient(fake()), run, SESSION_FILE, target(), options)
    expect(got).toEqual({
      ok: false,
      reason: `could not download vitest-wandb/session.jsonl of the run ${fake().entity}/evals/baseline: HTTP 500: {"error":"Injected failure: HTTP 500."}`,
      status: 500,
    })
  })

  it('gives up at the deadline when the storage does not answer, leaving no file', async () => {
    fake().failures.hang('download')
    const to = target()
    const started = Date.now()
    const got = await downloadRunFile(fakeClient(fake()), run, SESSION_FILE, to, {
      ...options,
      timeoutMs: 300,
    })
    expect(!got.ok && got.reason).toMatch(/^could not download .*: timed out after \d+ ms$/)
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(leftIn(to)).toEqual([])
  })

  it('refuses bytes that differ from the md5 W&B gives, without retrying or leaving them', async () => {
    const stored = fake().run('baseline', 'evals').uploads
    const original = stored[SESSION_FILE]
    stored[SESSION_FILE] = Buffer.from(SESSION.replace('adds', 'adda'))
    try {
      const before = downloads()
      const to = target()
      const got = await downloadRunFile(fakeClient(fake()), run, SESSION_FILE, to, options)
      expect(!got.ok && got.reason).toMatch(
        /: the download is corrupt: md5 \S+ and \d+ bytes, but W&B says \S+ and \d+ bytes$/,
      )
      expect(downloads() - before).toBe(1)
      expect(leftIn(to)).toEqual([])
    } finally {
      if (original !== undefined) stored[SESSION_FILE] = original
    }
  })
})
