import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { writeBenchFile, writeBenchFiles } from './artifact-files.js'
import { measureHashing, throughputMBs } from './artifact-hashing.js'
import { quantile } from './measure.js'
import { fixed, table, verdict } from './report.js'

const MiB = 1024 * 1024
const HASH_FILES = 1_000
const HASH_TOTAL_BYTES = 200_000_000
const MIN_SPEED_RATIO = 0.7
const INDEX_FILES = {
  'doc_store.json': 200 * MiB,
  'vector_store.json': 250 * MiB,
  'index_store.json': 50 * MiB,
}
const MAX_PEAK_ABOVE_BASELINE_MB = 100

const root = join(tmpdir(), `vitest-wandb-artifacts-bench-${process.pid}`)

async function hashing(): Promise<boolean> {
  const dir = join(root, 'hashing')
  const paths = writeBenchFiles(dir, HASH_FILES, HASH_TOTAL_BYTES / HASH_FILES)
  console.log(
    `\n1. Hashing and upload preparation: ${HASH_FILES.toLocaleString('en-US')} files, ${HASH_TOTAL_BYTES / 1e6} MB` +
      ' (2 warm-up + 9 rounds, alternating; page cache warm)',
  )
  const result = await measureHashing(dir, paths, 2, 9)
  const row = (name: string, samples: readonly number[]): string[] => [
    name,
    fixed(quantile(samples, 0.5), 0),
    `${fixed(quantile(samples, 0.25), 0)}–${fixed(quantile(samples, 0.75), 0)}`,
    fixed(throughputMBs(result.bytes, samples), 0),
  ]
  console.log(
    table(
      ['case', 'median ms', 'p25–p75', 'MB/s'],
      [
        row('node crypto md5 (readFileSync + createHash, per file)', result.nodeMs),
        row('prepareArtifact + manifest', result.oursMs),
      ],
    ),
  )
  const ratio =
    throughputMBs(result.bytes, result.oursMs) / throughputMBs(result.bytes, result.nodeMs)
  const pass = ratio >= MIN_SPEED_RATIO
  console.log(
    `  speed ours/node = ${fixed(ratio, 2)}   target ≥ ${MIN_SPEED_RATIO}   ${verdict(pass)}`,
  )
  return pass
}

async function startFakeWandb(): Promise<{ child: ChildProcess; config: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'fake-wandb-process.ts')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  const [config] = (await once(lines, 'line')) as [string]
  return { child, config }
}

async function memory(): Promise<boolean> {
  const dir = join(root, 'index')
  for (const [name, bytes] of Object.entries(INDEX_FILES)) writeBenchFile(join(dir, name), bytes)
  const total = Object.values(INDEX_FILES).reduce((sum, bytes) => sum + bytes, 0)
  console.log(
    `\n2. Peak memory: persistIndex of a ${total / MiB} MB index folder (hash, stage in the cache, upload to a fake W&B` +
      ' in another process over loopback HTTP)',
  )
  const fake = await startFakeWandb()
  try {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, 'artifact-memory.ts'),
        dir,
        join(root, 'cache'),
        join(root, 'download-cache'),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, FAKE_WANDB: fake.config } },
    )
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const [code] = (await once(child, 'exit')) as [number]
    if (code !== 0) throw new Error(`the memory benchmark exited with ${code}`)
    const result = JSON.parse(output) as {
      baselineMB: number
      persistPeakMB: number
      uploadPeakMB: number
      peakAboveBaselineMB: number
      downloadMs: number
      persistMs: number
      uploadMs: number
      uploadedBytes: number
    }
    console.log(
      table(
        ['phase', 'ms', 'peak RSS above baseline MB'],
        [
          [
            'persist (hash, stage in the cache)',
            fixed(result.persistMs, 0),
            fixed(result.persistPeakMB, 1),
          ],
          [
            `then upload ${fixed(result.uploadedBytes / MiB, 0)} MB`,
            fixed(result.uploadMs, 0),
            fixed(result.uploadPeakMB, 1),
          ],
          [
            'then download and verify (no target)',
            fixed(result.downloadMs, 0),
            fixed(result.peakAboveBaselineMB, 1),
          ],
        ],
      ),
    )
    console.log(`  baseline RSS ${fixed(result.baselineMB, 0)} MB`)
    const pass = result.uploadPeakMB < MAX_PEAK_ABOVE_BASELINE_MB
    console.log(
      `  persist + upload: peak ${fixed(result.uploadPeakMB, 1)} MB above baseline   target < ${MAX_PEAK_ABOVE_BASELINE_MB} MB   ${verdict(pass)}`,
    )
    return pass
  } finally {
    fake.child.kill('SIGTERM')
  }
}

const loadAverage = (): string =>
  loadavg()
    .map((load) => fixed(load, 2))
    .join(' ')
console.log(
  `vitest-wandb artifact benchmark: node ${process.version}, ${process.platform}-${process.arch},` +
    ` ${availableParallelism()} CPUs, load average ${loadAverage()}`,
)
try {
  const passed = [await hashing(), await memory()]
  console.log(
    `\n${passed.filter(Boolean).length} of ${passed.length} targets met (load average ${loadAverage()}).`,
  )
} finally {
  rmSync(root, { recursive: true, force: true })
}
