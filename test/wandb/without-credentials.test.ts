import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { withoutCredentials } from '../../src/wandb/without-credentials.js'
import { NUM_RUNS } from '../property/runs.js'

const TOKEN = 'glcbt-64_s3cr3t-T0ken'

// What tokens are made of (RFC 3986 unreserved characters): anything else must be percent-encoded.
const token = fc.stringMatching(/^[A-Za-z0-9._~-]{12,40}$/)
const anyText = fc.string({ unit: 'grapheme', minLength: 12, maxLength: 30 })

describe('withoutCredentials', () => {
  it('drops the user and the token of an https remote, as a GitLab CI checkout has it', () => {
    expect(
      withoutCredentials(`https://gitlab-ci-token:${TOKEN}@gitlab.example.com/team/rag.git`),
    ).toBe('https://gitlab.example.com/team/rag.git')
    expect(withoutCredentials(`https://${TOKEN}@github.com/team/rag.git`)).toBe(
      'https://github.com/team/rag.git',
    )
    expect(withoutCredentials(`http://user:${TOKEN}@git.local:8080/rag.git`)).toBe(
      'http://git.local:8080/rag.git',
    )
  })

  it('keeps the user of an ssh URL, never its password', () => {
    expect(withoutCredentials(`ssh://git:${TOKEN}@git.example.com:2222/team/rag.git`)).toBe(
      'ssh://git@git.example.com:2222/team/rag.git',
    )
    expect(withoutCredentials(`git+ssh://deploy:${TOKEN}@host/rag.git`)).toBe(
      'git+ssh://deploy@host/rag.git',
    )
    expect(withoutCredentials('ssh://git@git.example.com/team/rag.git')).toBe(
      'ssh://git@git.example.com/team/rag.git',
    )
  })

  it('keeps scp-like remotes and local paths as they are, since they hold no secret', () => {
    expect(withoutCredentials('git@github.com:team/rag.git')).toBe('git@github.com:team/rag.git')
    expect(withoutCredentials('github.com:team/rag.git')).toBe('github.com:team/rag.git')
    expect(withoutCredentials('/srv/git/rag.git')).toBe('/srv/git/rag.git')
    expect(withoutCredentials('file:///srv/git/rag.git')).toBe('file:///srv/git/rag.git')
    expect(withoutCredentials('https://GitLab.example.com/Team/rag.git')).toBe(
      'https://GitLab.example.com/Team/rag.git',
    )
  })

  it('drops the query and the fragment, where a token can ride too', () => {
    expect(withoutCredentials(`https://host/team/rag.git?private_token=${TOKEN}`)).toBe(
      'https://host/team/rag.git',
    )
    expect(withoutCredentials(`https://host/rag.git#${TOKEN}`)).toBe('https://host/rag.git')
  })

  it('drops everything up to the last @ of what cannot be parsed', () => {
    expect(withoutCredentials(`https://user:${TOKEN}/x@host/rag.git`)).toBe('https://host/rag.git')
    expect(withoutCredentials(`user:${TOKEN}@host:team/rag.git`)).toBe('host:team/rag.git')
    expect(withoutCredentials(`https://user:${TOKEN}@`)).toBe('https://')
  })

  it('leaves garbage without an @ alone, and turns blanks into an empty string', () => {
    expect(withoutCredentials('not a remote')).toBe('not a remote')
    expect(withoutCredentials('::::')).toBe('::::')
    expect(withoutCredentials('')).toBe('')
    expect(withoutCredentials(' \n ')).toBe('')
  })

  it('never keeps a password or a non-ssh user, whatever the scheme and the token', () => {
    const scheme = fc.constantFrom('https', 'http', 'ssh', 'git+ssh', 'ftp', 'git')
    fc.assert(
      fc.property(scheme, token, token, (protocol, user, password) => {
        const url = `${protocol}://${user}:${password}@gitlab.example.com/team/rag.git`
        const recorded = withoutCredentials(url)
        expect(recorded).not.toContain(password)
        expect(recorded.includes(user)).toBe(protocol.includes('ssh'))
        expect(recorded).toMatch(/gitlab\.example\.com\/team\/rag\.git$/)
      }),
      { numRuns: NUM_RUNS },
    )
  })

  it('never keeps any part of a percent-encoded password, or a query', () => {
    fc.assert(
      fc.property(anyText, anyText, (password, query) => {
        const secret = encodeURIComponent(password)
        const url = `https://user:${secret}@host/rag.git?t=${encodeURIComponent(query)}`
        expect(withoutCredentials(url)).toBe('https://host/rag.git')
      }),
      { numRuns: NUM_RUNS },
    )
  })
})
