import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import type { Browser } from 'playwright-core'
import { writeRagSession } from './diff/rag-sessions.js'
import type { SessionShape } from './diff/rag-sessions.js'
import { median } from './measure.js'
import { fixed, table, verdict } from './report.js'

const REPO = resolve(import.meta.dirname, '..')
const CLI = join(REPO, 'dist', 'cli', 'main.js')
const RECORD_RSS = join(import.meta.dirname, 'harness', 'record-rss.mjs')
const CHROMIUM = process.env['VITEST_WANDB_CHROMIUM'] ?? '/usr/bin/chromium'
const SESSION: SessionShape = { tests: 5_000, spansPerTest: 40 }
const LONG_TRACE: SessionShape = { tests: 1, spansPerTest: 2_000 }
const RUNS = 3
const MAX_GENERATE_MS = 3_000
const MAX_FILE_MB = 20
const MAX_LIST_MS = 2_000
const MB = 1024 * 1024

interface CliRun {
  readonly wallMs: number
  readonly peakRssBytes: number
}

/** Runs the built `vitest-wandb report` as a user would, recording the process's peak RSS. */
function runReport(args: readonly string[], rssFile: string): Promise<CliRun> {
  rmSync(rssFile, { force: true })
  const started = performance.now()
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', RECORD_RSS, CLI, 'report', ...args], {
      env: { ...process.env, PEAK_RSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', fail)
    child.on('close', (code) => {
      const wallMs = performance.now() - started
      if (code !== 0) return fail(new Error(`vitest-wandb report exited ${code}:\n${stderr}`))
      done({ wallMs, peakRssBytes: Number(readFileSync(rssFile, 'utf8')) * 1024 })
    })
  })
}

/** From navigation to the first test row drawn, in a fresh page. */
async function timeListShown(browser: Browser, file: string): Promise<number> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  try {
    const started = performance.now()
    await page.goto(pathToFileURL(file).href)
    await page.locator('[role=option]').first().waitFor()
    return performance.now() - started
  } finally {
    await page.close()
  }
}

/** From a click on test `name` to its span tree drawn; how many span rows were drawn. */
async function timeTreeShown(
  browser: Browser,
  file: string,
  name: string,
): Promise<{ ms: number; rows: number }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  try {
    await page.goto(pathToFileURL(file).href)
    await page.getByLabel('Filter').fill(name)
    const row = page.locator('[role=option]').first()
    await row.waitFor()
    const started = performance.now()
    await row.click()
    await page.locator('[role=treeitem]').first().waitFor()
    const ms = performance.now() - started
    return { ms, rows: await page.locator('[role=treeitem]').count() }
  } finally {
    await page.close()
  }
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first.`)
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`)
  const dir = mkdtempSync(join(tmpdir(), 'vitest-wandb-report-bench-'))
  const browser = await chromium.launch({ executablePath: CHROMIUM })
  try {
    const tests = SESSION.tests.toLocaleString('en-US')
    console.log(
      `vitest-wandb report: a session of ${tests} tests × ${SESSION.spansPerTest} spans (RAG traces), ${RUNS} runs; ` +
        `${availableParallelism()} CPUs, load ${loadavg()
          .map((load) => fixed(load, 2))
          .join(' ')}`,
    )
    const session = join(dir, 'session.jsonl')
    const baseline = join(dir, 'baseline.jsonl')
    const long = join(dir, 'long-trace.jsonl')
    const size = writeRagSession(session, SESSION, 'head')
    writeRagSession(baseline, SESSION, 'base')
    writeRagSession(long, LONG_TRACE, 'base')
    console.log(`  session file: ${fixed(size / MB, 0)} MB`)
    const rssFile = join(dir, 'peak-rss')
    const rows: string[][] = []
    let pass = true
    for (const [label, args, targeted] of [
      ['report', [session], true],
      ['report --compare', [session, '--compare', baseline], false],
    ] as const) {
      const out = join(dir, `${label.replace(/\W+/g, '-')}.html`)
      const runs: CliRun[] = []
      for (let run = 0; run < RUNS; run += 1)
        runs.push(await runReport([...args, '--out', out], rssFile))
      const wallMs = median(runs.map((run) => run.wallMs))
      const fileMB = statSync(out).size / MB
      const listTimes: number[] = []
      for (let run = 0; run < RUNS; run += 1) listTimes.push(await timeListShown(browser, out))
      const listMs = median(listTimes)
      const ok = wallMs < MAX_GENERATE_MS && fileMB < MAX_FILE_MB && listMs < MAX_LIST_MS
      if (targeted) pass &&= ok
      rows.push([
        label,
        fixed(wallMs, 0),
        fixed(Math.max(...runs.map((run) => run.peakRssBytes)) / MB, 0),
        fixed(fileMB, 1),
        fixed(listMs, 0),
        targeted ? verdict(ok) : '',
      ])
    }
    console.log(
      table(['command', 'generate ms', 'peak RSS MB', 'file MB', 'list shown ms', ''], rows),
    )
    const longOut = join(dir, 'long-trace.html')
    await runReport([long, '--out', longOut], rssFile)
    const tree = await timeTreeShown(browser, longOut, 'answers question 0')
    console.log(
      `  a ${LONG_TRACE.spansPerTest.toLocaleString('en-US')}-span trace: selected to its tree drawn in ${fixed(tree.ms, 0)} ms (${tree.rows} span rows drawn)`,
    )
    console.log(
      `  targets (the ${tests}-test report): generated under ${fixed(MAX_GENERATE_MS, 0)} ms, under ${MAX_FILE_MB} MB, ` +
        `its list shown in Chromium under ${fixed(MAX_LIST_MS, 0)} ms   ${verdict(pass)}`,
    )
  } finally {
    await browser.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
