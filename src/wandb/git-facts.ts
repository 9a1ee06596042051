import { execFileSync } from 'node:child_process'
import { withoutCredentials } from './without-credentials.js'

/** What the run records of the code it ran on. */
export interface GitFacts {
  readonly commit: string | undefined
  readonly branch: string | undefined
  readonly remoteUrl: string | undefined
}

const GIT_TIMEOUT_MS = 2_000

/**
 * Reads commit, branch and remote from git in `cwd`; `WANDB_GIT_COMMIT` and `WANDB_GIT_REMOTE_URL`
 * win. The remote is kept without credentials: a CI checkout's often carries a token.
 */
export function readGitFacts(
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): GitFacts {
  const remoteUrl =
    env['WANDB_GIT_REMOTE_URL'] || git(cwd, ['config', '--get', 'remote.origin.url']) || ''
  return {
    commit: env['WANDB_GIT_COMMIT'] || git(cwd, ['rev-parse', 'HEAD']),
    branch: git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD']),
    remoteUrl: withoutCredentials(remoteUrl) || undefined,
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
