import { execFileSync } from 'node:child_process'

/** What the run records of the code it ran on. */
export interface GitFacts {
  readonly commit: string | undefined
  readonly branch: string | undefined
  readonly remoteUrl: string | undefined
}

const GIT_TIMEOUT_MS = 2_000

/** Reads commit, branch and remote from git in `cwd`; `WANDB_GIT_COMMIT` and `WANDB_GIT_REMOTE_URL` win. */
export function readGitFacts(
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): GitFacts {
  return {
    commit: env['WANDB_GIT_COMMIT'] || git(cwd, ['rev-parse', 'HEAD']),
    branch: git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD']),
    remoteUrl: env['WANDB_GIT_REMOTE_URL'] || git(cwd, ['config', '--get', 'remote.origin.url']),
  }
}

function git(cwd: string, args: readonly string[]): string | undefined {
  try {
    const out = execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      timeout: GIT_TIMEOUT_MS,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    const value = out.trim()
    return value === '' || value === 'HEAD' ? undefined : value
  } catch {
    return undefined
  }
}
