import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { copyFixture } from './run-fixture.js'

/** A copy of the diff fixture in a git repository of its own on the branch main, so runs record git_branch main. */
export function diffProjectOnMain(): string {
  const dir = copyFixture('diff')
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=e2e@example.com', '-c', 'user.name=e2e', ...args], {
      cwd: dir,
      stdio: 'ignore',
    })
  git('init', '-q', '-b', 'main')
  git('commit', '-q', '--allow-empty', '-m', 'base')
  return dir
}

/** The session files under `dir`, as paths relative to it. */
export function sessionFiles(dir: string): string[] {
  try {
    return readdirSync(join(dir, '.vitest-wandb'))
      .filter((name) => name.startsWith('session-'))
      .map((name) => join('.vitest-wandb', name))
  } catch {
    return []
  }
}

/** The one session file a run added to `dir` (two runs may share a second, so names do not order them). */
export function addedSession(dir: string, before: readonly string[]): string {
  const added = sessionFiles(dir).filter((name) => !before.includes(name))
  if (added.length !== 1)
    throw new Error(`expected one new session file, found ${added.join(', ')}`)
  return added[0] as string
}
