import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { netrcPassword } from '../../../src/wandb/netrc.js'
import { appUrlOf, newRunId, resolveWandbSettings, runUrl } from '../../../src/wandb/settings.js'
import { captureWarnings } from '../../support/warnings.js'

const NO_OPTIONS = {
  project: undefined,
  entity: undefined,
  name: undefined,
  group: undefined,
  tags: [],
  notes: undefined,
  mode: undefined,
  dir: undefined,
}
const noNetrc = (): undefined => undefined
const warnings = captureWarnings()

describe('resolveWandbSettings', () => {
  it('goes online with a key from WANDB_API_KEY, offline without one', () => {
    expect(
      resolveWandbSettings(NO_OPTIONS, { WANDB_API_KEY: 'k'.repeat(40) }, '/root', noNetrc),
    ).toMatchObject({ mode: 'online', apiKey: 'k'.repeat(40) })
    expect(resolveWandbSettings(NO_OPTIONS, {}, '/root', noNetrc)).toMatchObject({
      mode: 'offline',
      apiKey: undefined,
      dir: '/root',
    })
  })

  it('reads the key of the API host from netrc', () => {
    const hosts: string[] = []
    const settings = resolveWandbSettings(
      NO_OPTIONS,
      { WANDB_BASE_URL: 'https://api.example.org/' },
      '/r',
      (host) => {
        hosts.push(host)
        return 'from-netrc'
      },
    )
    expect(hosts).toEqual(['api.example.org'])
    expect(settings).toMatchObject({
      apiKey: 'from-netrc',
      mode: 'online',
      baseUrl: 'https://api.example.org',
      appUrl: 'https://example.org',
    })
  })

  it('keeps an explicit mode, run id and job type, and defaults the project', () => {
    const settings = resolveWandbSettings(
      { ...NO_OPTIONS, mode: 'disabled' },
      { WANDB_API_KEY: 'k', WANDB_RUN_ID: 'abc123', WANDB_JOB_TYPE: 'eval' },
      '/r',
      noNetrc,
    )
    expect(settings).toMatchObject({
      mode: 'disabled',
      runId: 'abc123',
      jobType: 'eval',
      project: 'uncategorized',
      baseUrl: 'https://api.wandb.ai',
      appUrl: 'https://wandb.ai',
    })
  })
})

describe('WANDB_BASE_URL with credentials', () => {
  it('is used without them, looked up in netrc by host, with one warning that does not repeat them', () => {
    const hosts: string[] = []
    const settings = resolveWandbSettings(
      NO_OPTIONS,
      { WANDB_BASE_URL: 'https://proxy-user:proxy-s3cret@api.example.org/?sig=s1gn3d' },
      '/r',
      (host) => {
        hosts.push(host)
        return undefined
      },
    )
    expect(settings).toMatchObject({
      baseUrl: 'https://api.example.org',
      appUrl: 'https://example.org',
    })
    expect(hosts).toEqual(['api.example.org'])
    expect(warnings).toEqual([
      'vitest-wandb: WANDB_BASE_URL holds credentials or a query, which are not sent (W&B is authenticated by the API key alone); using https://api.example.org — remove them from WANDB_BASE_URL.',
    ])
    expect(warnings.join('\n')).not.toMatch(/proxy-user|proxy-s3cret|s1gn3d/)
  })

  it('warns about nothing when the address holds no credentials', () => {
    resolveWandbSettings(NO_OPTIONS, { WANDB_BASE_URL: 'http://127.0.0.1:8080/' }, '/r', noNetrc)
    resolveWandbSettings(NO_OPTIONS, {}, '/r', noNetrc)
    expect(warnings).toEqual([])
  })
})

describe('run addresses', () => {
  it('drops api. from the host for the app, and builds run URLs', () => {
    expect(appUrlOf('http://localhost:8080')).toBe('http://localhost:8080')
    expect(runUrl({ appUrl: 'https://wandb.ai', project: 'rag evals', runId: 'x1' }, 'me')).toBe(
      'https://wandb.ai/me/rag%20evals/runs/x1',
    )
  })

  it('makes 8-character lowercase run ids', () => {
    const ids = new Set(Array.from({ length: 50 }, newRunId))
    expect(ids.size).toBe(50)
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]{8}$/)
  })
})

describe('netrcPassword', () => {
  it('finds the password of the machine asked for, and nothing for others', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'netrc-')), '.netrc')
    writeFileSync(
      path,
      'machine other.host\n  login x\n  password nope\nmachine api.wandb.ai\n  login user\n  password secret-key\ndefault login d password dflt\n',
    )
    expect(netrcPassword('api.wandb.ai', path)).toBe('secret-key')
    expect(netrcPassword('missing.host', path)).toBeUndefined()
    expect(netrcPassword('api.wandb.ai', join(tmpdir(), 'no-such-netrc'))).toBeUndefined()
  })
})
