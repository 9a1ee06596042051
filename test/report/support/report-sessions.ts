import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { keylessEnv } from '../../e2e/support/keyless-env.js'
import { runCli } from '../../e2e/support/run-cli.js'
import { copyFixture, runVitest } from '../../e2e/support/run-fixture.js'

const REPO = resolve(import.meta.dirname, '../../..')
const SESSIONS = '.vitest-wandb'

/** Runs `vitest run` in `dir` and gives the session file it wrote, relative to `dir`. */
async function session(
  dir: string,
  args: readonly string[],
  env: Record<string, string>,
  exitCode: number,
): Promise<string> {
  const before = new Set(sessionFiles(dir))
  const run = await runVitest(dir, ['run', ...args], {
    ...keylessEnv(),
    WANDB_MODE: 'disabled',
    ...env,
  })
  if (run.exitCode !== exitCode)
    throw new Error(`vitest run in ${dir} exited ${run.exitCode}:\n${run.stdout}\n${run.stderr}`)
  const written = sessionFiles(dir).filter((name) => !before.has(name))
  if (written.length !== 1) throw new Error(`expected one new session in ${dir}, found ${written}`)
  return join(SESSIONS, written[0] as string)
}

function sessionFiles(dir: string): string[] {
  try {
    return readdirSync(join(dir, SESSIONS)).filter((name) => name.startsWith('session-'))
  } catch {
    return []
  }
}

/** The example suite (examples/), copied to a fresh folder and run once with the built package. */
export async function exampleSession(): Promise<{ dir: string; session: string }> {
  const work = join(REPO, '.e2e-work')
  mkdirSync(work, { recursive: true })
  const dir = mkdtempSync(join(work, 'examples-'))
  cpSync(join(REPO, 'examples'), dir, {
    recursive: true,
    filter: (source) => !/[/\\](\.vitest-wandb|wandb)$/.test(source),
  })
  return { dir, session: await session(dir, ['--config', 'vitest.config.ts'], {}, 0) }
}

/**
 * The diff fixture run twice: a base session, then a head whose refunds answer adds a
 * reranking span and whose shipping answer fails.
 */
export async function fixtureSessions(): Promise<{ dir: string; base: string; head: string }> {
  const dir = copyFixture('diff')
  const base = await session(dir, [], {}, 0)
  const head = await session(dir, [], { E2E_DIFF_SIDE: 'head' }, 1)
  return { dir, base, head }
}

/** Runs the built `vitest-wandb report <args>` in `dir`; gives the path it printed. */
export async function writeReport(dir: string, args: readonly string[]): Promise<string> {
  const ran = await runCli(['report', ...args], dir)
  if (ran.code !== 0) throw new Error(`vitest-wandb report exited ${ran.code}: ${ran.stderr}`)
  return join(dir, ran.stdout.trim())
}

/** The full names of the tests a session file records, in its order. */
export function testNames(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{"kind":"test"'))
    .map((line) => (JSON.parse(line) as { name: string }).name)
}
