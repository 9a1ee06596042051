import { spawn } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'

const REPO = resolve(import.meta.dirname, '..', '..')
const VITEST = join(REPO, 'node_modules', 'vitest', 'vitest.mjs')
const RECORD_RSS = join(import.meta.dirname, 'record-rss.mjs')

export interface SuiteRun {
  readonly wallMs: number
  /** Peak resident memory of the main Vitest process (where reporters run), in bytes. */
  readonly mainPeakRssBytes: number
}

/** Runs `vitest run` in a generated suite and measures it. */
export async function runSuite(dir: string): Promise<SuiteRun> {
  const rssFile = join(dir, '.peak-rss')
  rmSync(rssFile, { force: true })
  rmSync(join(dir, '.vitest-wandb'), { recursive: true, force: true })
  rmSync(join(dir, 'wandb'), { recursive: true, force: true })
  const started = performance.now()
  const code = await new Promise<number | null>((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', RECORD_RSS, VITEST, 'run', '--reporter=dot'],
      {
        cwd: dir,
        env: suiteEnv(rssFile),
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', fail)
    child.on('close', (exitCode) =>
      exitCode === 0 ? done(exitCode) : fail(new Error(`vitest failed in ${dir}:\n${stderr}`)),
    )
  })
  const wallMs = performance.now() - started
  if (code !== 0) throw new Error(`vitest exited ${code}`)
  return { wallMs, mainPeakRssBytes: Number(readFileSync(rssFile, 'utf8')) * 1024 }
}

/** No API key and no W&B settings of the shell: the plugin runs in its default, offline mode. */
function suiteEnv(rssFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PEAK_RSS_FILE: rssFile, CI: 'true' }
  for (const name of Object.keys(env)) if (name.startsWith('WANDB_')) delete env[name]
  env['WANDB_API_KEY'] = ''
  return env
}
