import { mkdtempSync, rmSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { ArtifactCache } from '../src/indexes/artifact-cache.js'
import { downloadArtifact } from '../src/wandb/artifacts/download-artifact.js'
import { artifactRecord } from '../src/wandb/artifacts/artifact-record.js'
import { persistIndexArtifact } from '../src/indexes/persist-index.js'
import { resolveArtifact } from '../src/wandb/artifacts/resolve-artifact.js'
import { uploadArtifactRecord } from '../src/wandb/artifacts/upload-artifact-record.js'
import { GraphqlClient } from '../src/wandb/graphql-client.js'
import { Deadline } from '../src/wandb/http/deadline.js'
import { upsertRun } from '../src/wandb/run-api.js'
import { collectGarbage } from './measure.js'

// Run as its own process by artifacts.ts: argv = index folder, cache folder; env FAKE_WANDB = JSON.
const [indexDir = '', cacheDir = '', downloadCacheDir = ''] = process.argv.slice(2)
if (!indexDir || !cacheDir || !downloadCacheDir)
  throw new Error('usage: artifact-memory.ts <index dir> <cache dir> <download cache dir>')
const runDir = mkdtempSync(join(tmpdir(), 'artifact-bench-run-'))
const fake = JSON.parse(process.env['FAKE_WANDB'] ?? '{}') as {
  baseUrl: string
  apiKey: string
  entity: string
}

const mb = (bytes: number): number => bytes / (1024 * 1024)
let sampledPeak = 0
const sample = (): void => {
  sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss())
}

const client = new GraphqlClient(fake.baseUrl, fake.apiKey)
const run = await upsertRun(
  client,
  {
    runId: 'memory-bench',
    project: 'bench',
    entity: fake.entity,
    host: hostname(),
  },
  new Deadline(10_000),
)
if (!run.ok) throw new Error(run.reason)

collectGarbage()
const baseline = process.memoryUsage.rss()
const maxBefore = process.resourceUsage().maxRSS * 1024
const timer = setInterval(sample, 5)
const startedAt = performance.now()
const persisted = await persistIndexArtifact(indexDir, 'memory-bench-index', undefined, {
  cache: new ArtifactCache(cacheDir),
})
const persistedMs = performance.now() - startedAt
sample()
const persistPeakMB = mb(sampledPeak - baseline)
// As a run logs an artifact: copied into the run folder, recorded, and sent from the record.
const record = await artifactRecord(persisted, {
  copyDir: runDir,
  finalDir: runDir,
  runId: 'memory-bench',
  project: 'bench',
  entity: fake.entity,
})
const uploaded = await uploadArtifactRecord(
  client,
  { entity: fake.entity, project: 'bench', runId: 'memory-bench' },
  record,
)
const totalMs = performance.now() - startedAt
sample()
if (!uploaded.ok) throw new Error(uploaded.reason)
const uploadPeakMB = mb(sampledPeak - baseline)
const version = await resolveArtifact(
  client,
  { entity: fake.entity, project: 'bench', name: 'memory-bench-index', alias: 'v0' },
  new Deadline(10_000),
)
if (!version.ok) throw new Error(version.reason)
const downloadStartedAt = performance.now()
const downloaded = await downloadArtifact(version.value, new ArtifactCache(downloadCacheDir), {
  baseUrl: fake.baseUrl,
  apiKey: fake.apiKey,
  timeoutMs: 30_000,
})
const downloadMs = performance.now() - downloadStartedAt
clearInterval(timer)
sample()
if (!downloaded.ok) throw new Error(downloaded.reason)
const maxAfter = process.resourceUsage().maxRSS * 1024
process.stdout.write(
  `${JSON.stringify({
    baselineMB: mb(baseline),
    peakAboveBaselineMB: mb(Math.max(maxAfter, sampledPeak) - baseline),
    peakRssWasAlreadyHigher: maxBefore >= maxAfter,
    persistPeakMB,
    uploadPeakMB,
    downloadMs,
    persistMs: persistedMs,
    uploadMs: totalMs - persistedMs,
    bytes: persisted.files.reduce((sum, file) => sum + file.size, 0),
    uploadedBytes: uploaded.value.uploadedBytes,
  })}\n`,
)
rmSync(runDir, { recursive: true, force: true })
