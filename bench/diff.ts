import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { writeRagSession } from './diff/rag-sessions.js'
import type { SessionShape } from './diff/rag-sessions.js'
import { median } from './measure.js'
import { fixed, table, verdict } from './report.js'

const REPO = resolve(import.meta.dirname, '..')
const CLI = join(REPO, 'dist', 'cli', 'main.js')
const RECORD_RSS = join(import.meta.dirname, 'harness', 'record-rss.mjs')
const SHAPE: SessionShape = { tests: 5_000, spansPerTest: 100 }
const RUNS = 3
const MAX_MS = 5_000
const MAX_PEAK_MB = 300
const MB = 1024 * 1024

interface CliRun {
  readonly wallMs: number
  readonly peakRssBytes: number
  readonly output: Buffer
}

/** What the generated head changes (rag-sessions.ts), as the JSON report must count it. */
const EXPECTED_CHANGES = { 'passed-to-failed': 50, outline: 100, added: 10, removed: 10 }

/** Runs the built `vitest-wandb diff` as a user would, recording the process's peak RSS. */
function runDiff(args: readonly string[], rssFile: string): Promise<CliRun> {
  rmSync(rssFile, { force: true })
  const started = performance.now()
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', RECORD_RSS, CLI, 'diff', ...args], {
      env: { ...process.env, PEAK_RSS_FILE: rssFile, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const output: Buffer[] = []
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', fail)
    child.on('close', (code) => {
      const wallMs = performance.now() - started
      if (code !== 0) return fail(new Error(`vitest-wandb diff exited ${code}:\n${stderr}`))
      const peakRssBytes = Number(readFileSync(rssFile, 'utf8')) * 1024
      done({ wallMs, peakRssBytes, output: Buffer.concat(output) })
    })
  })
}

/** Whether the report counted the changes the generator made; a fast wrong answer is no pass. */
function foundTheChanges(json: Buffer): boolean {
  const { summary } = JSON.parse(json.toString()) as {
    summary: { changes: Record<string, number> }
  }
  const found = Object.keys(EXPECTED_CHANGES).map((kind) => `${kind} ${summary.changes[kind]}`)
  const ok = Object.entries(EXPECTED_CHANGES).every(
    ([kind, count]) => summary.changes[kind] === count,
  )
  console.log(`  changes the JSON report counted: ${found.join(', ')}   ${verdict(ok)}`)
  return ok
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first.`)
  const dir = mkdtempSync(join(tmpdir(), 'vitest-wandb-diff-bench-'))
  try {
    const tests = SHAPE.tests.toLocaleString('en-US')
    console.log(
      `vitest-wandb diff: two sessions of ${tests} tests × ${SHAPE.spansPerTest} spans (RAG traces), ${RUNS} runs per format; ` +
        `${availableParallelism()} CPUs, load ${loadavg()
          .map((load) => fixed(load, 2))
          .join(' ')}`,
    )
    const base = join(dir, 'base.jsonl')
    const head = join(dir, 'head.jsonl')
    const sizes = [writeRagSession(base, SHAPE, 'base'), writeRagSession(head, SHAPE, 'head')]
    console.log(
      `  session files: ${sizes.map((size) => `${fixed(size / MB, 0)} MB`).join(' and ')}`,
    )
    const rssFile = join(dir, 'peak-rss')
    const rows: string[][] = []
    let pass = true
    for (const format of ['text', 'json', 'markdown']) {
      const runs: CliRun[] = []
      for (let run = 0; run < RUNS; run += 1)
        runs.push(await runDiff(['--format', format, base, head], rssFile))
      const wallMs = median(runs.map((run) => run.wallMs))
      const peakMB = Math.max(...runs.map((run) => run.peakRssBytes)) / MB
      const ok = wallMs < MAX_MS && peakMB < MAX_PEAK_MB
      pass &&= ok
      if (format === 'json') pass &&= foundTheChanges(runs[0]?.output ?? Buffer.alloc(0))
      rows.push([
        format,
        fixed(wallMs, 0),
        fixed(peakMB, 0),
        fixed((runs[0]?.output.length ?? 0) / 1024, 0),
        verdict(ok),
      ])
    }
    console.log(table(['format', 'median ms', 'peak RSS MB', 'report KB', ''], rows))
    console.log(
      `  targets: under ${fixed(MAX_MS, 0)} ms and under ${MAX_PEAK_MB} MB per run   ${verdict(pass)}`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
