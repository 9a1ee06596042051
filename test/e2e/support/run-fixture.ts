import { execFileSync, spawn } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const HERE = dirname(fileURLToPath(import.meta.url))
const FIXTURES = resolve(HERE, '../fixtures')
const REPO = resolve(HERE, '../../..')

/**
 * Where fixture projects run. By default a folder inside this repository, so `vitest-wandb` resolves
 * to the built package by self-reference and `vitest` to this repository's. VITEST_WANDB_E2E_ROOT names
 * another project (with its own `vitest` and an installed `vitest-wandb`), e.g. one on Vitest 5.
 */
const E2E_ROOT = process.env['VITEST_WANDB_E2E_ROOT'] ?? REPO
const NODE = process.env['VITEST_WANDB_E2E_NODE'] ?? process.execPath
const RUN_TIMEOUT_MS = 120_000

/** The Vitest and Node versions fixture projects run on, as their own packages report them. */
export function expectedVersions(): { vitest: string; node: string } {
  const vitestPackage = join(E2E_ROOT, 'node_modules', 'vitest', 'package.json')
  const { version } = JSON.parse(readFileSync(vitestPackage, 'utf8')) as { version: string }
  return { vitest: version, node: execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim() }
}

export interface FixtureRun {
  readonly dir: string
  readonly exitCode: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Copies a fixture project to a fresh folder, so every run starts clean. */
export function copyFixture(name: string): string {
  const workDir = join(E2E_ROOT, '.e2e-work')
  mkdirSync(workDir, { recursive: true })
  const dir = mkdtempSync(join(workDir, `${name}-`))
  cpSync(join(FIXTURES, name), dir, { recursive: true })
  return dir
}

/** Runs `vitest <args>` in `dir` as a real child process and waits for it to exit. */
export function runVitest(
  dir: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<FixtureRun> {
  return runNode(dir, [join(E2E_ROOT, 'node_modules', 'vitest', 'vitest.mjs'), ...args], env)
}

/** Runs a script of the fixture in `dir` (`node <script> <args>`), e.g. one that drives Vitest's API. */
export function runScript(
  dir: string,
  script: string,
  args: readonly string[] = [],
  env: Readonly<Record<string, string>> = {},
): Promise<FixtureRun> {
  return runNode(dir, [join(dir, script), ...args], env)
}

function runNode(
  dir: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<FixtureRun> {
  return new Promise((done, fail) => {
    const child = spawn(NODE, args, {
      cwd: dir,
      env: { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      fail(
        new Error(
          `node ${args.join(' ')} in ${dir} did not exit within ${RUN_TIMEOUT_MS} ms\n${stdout}\n${stderr}`,
        ),
      )
    }, RUN_TIMEOUT_MS)
    child.on('error', fail)
    child.on('close', (exitCode) => {
      clearTimeout(timer)
      done({ dir, exitCode, stdout, stderr })
    })
  })
}

/** Copies the fixture and runs `vitest run <args>` in it. */
export async function runFixture(
  name: string,
  args: readonly string[] = [],
  env: Readonly<Record<string, string>> = {},
): Promise<FixtureRun> {
  return runVitest(copyFixture(name), ['run', ...args], env)
}
