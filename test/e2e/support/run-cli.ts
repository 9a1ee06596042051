import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const CLI = resolve(import.meta.dirname, '../../../dist/cli/main.js')

export interface CliRun {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
  readonly elapsedMs: number
}

/**
 * Runs the built `vitest-wandb` command as a child process in `cwd`, with no W&B settings from
 * this machine (a HOME without ~/.netrc, no WANDB_* variables) besides those in `env`.
 */
export function runCli(
  args: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  const started = Date.now()
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('WANDB_'))
  const home = mkdtempSync(join(tmpdir(), 'home-'))
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...Object.fromEntries(inherited), HOME: home, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout, stderr, elapsedMs: Date.now() - started }))
  })
}
