import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readGitFacts } from '../../src/wandb/git-facts.js'

const TOKEN = 'glcbt-64_unit-test-token'

/** A fresh repository with one commit and `remote` as its origin. */
function repository(remote: string): { dir: string; commit: string } {
  const dir = mkdtempSync(join(tmpdir(), 'git-facts-'))
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim()
  git('init', '-q', '-b', 'main')
  git('remote', 'add', 'origin', remote)
  git(
    '-c',
    'user.name=vitest-wandb',
    '-c',
    'user.email=tests@example.com',
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    'start',
  )
  return { dir, commit: git('rev-parse', 'HEAD') }
}

describe('readGitFacts', () => {
  it('reads the commit, the branch and the origin remote without its credentials', () => {
    const repo = repository(`https://gitlab-ci-token:${TOKEN}@gitlab.example.com/team/rag.git`)
    expect(readGitFacts(repo.dir, {})).toEqual({
      commit: repo.commit,
      branch: 'main',
      remoteUrl: 'https://gitlab.example.com/team/rag.git',
    })
  })

  it('takes WANDB_GIT_REMOTE_URL and WANDB_GIT_COMMIT over git, the remote redacted the same way', () => {
    const repo = repository('git@github.com:team/rag.git')
    const facts = readGitFacts(repo.dir, {
      WANDB_GIT_REMOTE_URL: `https://ci:${TOKEN}@git.example.com/rag.git?token=${TOKEN}`,
      WANDB_GIT_COMMIT: 'abc123',
    })
    expect(facts).toEqual({
      commit: 'abc123',
      branch: 'main',
      remoteUrl: 'https://git.example.com/rag.git',
    })
    expect(readGitFacts(repo.dir, { WANDB_GIT_REMOTE_URL: '' }).remoteUrl).toBe(
      'git@github.com:team/rag.git',
    )
  })

  it('knows nothing outside a repository', () => {
    expect(readGitFacts(mkdtempSync(join(tmpdir(), 'no-git-')), {})).toEqual({
      commit: undefined,
      branch: undefined,
      remoteUrl: undefined,
    })
  })
})
