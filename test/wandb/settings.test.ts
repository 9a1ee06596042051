import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { netrcPassword } from '../../src/wandb/netrc.js'
import { appUrlOf, newRunId, resolveWandbSettings, runUrl } from '../../src/wandb/settings.js'
import { captureWarnings } from '../support/warnings.js'

const NO_OPTIONS = {
  project: undefined,
  entity: undefined,
  name: undefined,
  group: undefined,
  tags: undefined,
  notes: undefined,
  mode: undefined,
  dir: undefined,
}
const noNetrc = (): undefined => undefined
const KEY = '0123456789abcdef0123456789abcdef01234567'
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
        return `netrc-${KEY}`
      },
    )
    expect(hosts).toEqual(['api.example.org'])
    expect(settings).toMatchObject({
      apiKey: `netrc-${KEY}`,
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

describe('the WANDB_* variables', () => {
  it('fill in what the caller left unset', () => {
    const settings = resolveWandbSettings(
      NO_OPTIONS,
      {
        WANDB_PROJECT: 'p',
        WANDB_ENTITY: 'e',
        WANDB_NAME: 'n',
        WANDB_RUN_GROUP: 'g',
        WANDB_TAGS: ' a, b ,,c ',
        WANDB_NOTES: 'notes',
        WANDB_MODE: 'offline',
        WANDB_DIR: '/tmp/x',
        VITEST_WANDB_TIMEOUT_MS: '2500',
      },
      '/r',
      noNetrc,
    )
    expect(settings).toMatchObject({
      project: 'p',
      entity: 'e',
      name: 'n',
      group: 'g',
      tags: ['a', 'b', 'c'],
      notes: 'notes',
      mode: 'offline',
      dir: '/tmp/x',
      dirSource: 'WANDB_DIR',
      timeoutMs: 2500,
    })
    expect(settings.trouble).toBeUndefined()
  })

  it('give way to what the caller chose', () => {
    const settings = resolveWandbSettings(
      { ...NO_OPTIONS, project: 'mine', mode: 'disabled', tags: ['x'], dir: 'runs', timeoutMs: 7 },
      {
        WANDB_PROJECT: 'env',
        WANDB_MODE: 'online',
        WANDB_TAGS: 'y',
        WANDB_DIR: '/env',
        VITEST_WANDB_TIMEOUT_MS: '9000',
      },
      '/r',
      noNetrc,
    )
    expect(settings).toMatchObject({
      project: 'mine',
      mode: 'disabled',
      tags: ['x'],
      dir: 'runs',
      dirSource: 'option',
      timeoutMs: 7,
    })
  })

  it('count as unset when blank', () => {
    const settings = resolveWandbSettings(
      NO_OPTIONS,
      { WANDB_PROJECT: '  ', WANDB_MODE: '', WANDB_RUN_ID: ' ', VITEST_WANDB_TIMEOUT_MS: '' },
      '/r',
      noNetrc,
    )
    expect(settings).toMatchObject({
      project: 'uncategorized',
      mode: 'offline',
      tags: [],
      dir: '/r',
      dirSource: 'root',
      timeoutMs: 30_000,
    })
    expect(settings.runId).toMatch(/^[a-z0-9]{8}$/)
    expect(settings.trouble).toBeUndefined()
  })
})

describe('a variable W&B would refuse', () => {
  const online = { WANDB_API_KEY: KEY }

  it.each([
    ['WANDB_MODE', 'bogus', 'one of online, offline, disabled'],
    ['WANDB_RUN_ID', '../../../escape', 'a W&B run id'],
    ['WANDB_RUN_ID', 'my run', 'a W&B run id'],
    ['WANDB_RUN_ID', 'a:b', 'a W&B run id'],
    ['WANDB_PROJECT', 'rag/evals', 'a W&B project name'],
    ['WANDB_ENTITY', 'my-team/other', 'a W&B user or team name'],
    ['WANDB_NAME', 'a\u0007b', 'one line of text'],
    ['WANDB_JOB_TYPE', 'eval\u001b[31m', 'one line of text'],
    ['WANDB_TAGS', `ok,${'t'.repeat(65)}`, 'tags of 1 to 64 characters each'],
  ])(
    'turns W&B off when %s is %j, naming the variable, the rule and the fix',
    (name, value, rule) => {
      const settings = resolveWandbSettings(NO_OPTIONS, { ...online, [name]: value }, '/r', noNetrc)
      expect(settings.mode).toBe('disabled')
      expect(settings.trouble?.outcome).toBe('off')
      expect(settings.trouble?.problem).toEqual({
        what: expect.stringMatching(new RegExp(`^${name} must be ${rule}.*; got ".+"$`)),
        fix: `fix ${name} or unset it`,
      })
      expect(settings.runId).toMatch(/^[a-z0-9]{8}$/)
    },
  )

  it.each([
    ['WANDB_BASE_URL', 'not a url'],
    ['WANDB_BASE_URL', 'localhost:8080'],
    ['WANDB_BASE_URL', 'ftp://api.example.org'],
    ['WANDB_BASE_URL', 'https://wandb.ai'],
    ['VITEST_WANDB_TIMEOUT_MS', 'soon'],
    ['VITEST_WANDB_TIMEOUT_MS', '-1'],
  ])('saves the run offline when %s is %j, naming it and the fix', (name, value) => {
    const settings = resolveWandbSettings(NO_OPTIONS, { ...online, [name]: value }, '/r', noNetrc)
    expect(settings).toMatchObject({ mode: 'offline', trouble: { outcome: 'offline' } })
    expect(settings.trouble?.problem).toEqual({
      what: expect.stringMatching(new RegExp(`^${name} must be .*; got "${value}"$`)),
      fix: `fix ${name} or unset it`,
    })
  })

  it('takes the addresses of the API, local servers included', () => {
    for (const url of [
      'https://api.wandb.ai',
      'http://localhost:8080',
      'https://wandb.example.com/',
    ]) {
      const settings = resolveWandbSettings(
        NO_OPTIONS,
        { ...online, WANDB_BASE_URL: url },
        '/r',
        noNetrc,
      )
      expect([settings.mode, settings.trouble]).toEqual(['online', undefined])
    }
  })

  it('is not held against a disabled run, nor a connection against an offline one', () => {
    const disabled = { ...online, WANDB_MODE: 'disabled', WANDB_RUN_ID: 'a b' }
    const off = resolveWandbSettings(NO_OPTIONS, disabled, '/r', noNetrc)
    expect([off.mode, off.trouble]).toEqual(['disabled', undefined])
    const offline = { WANDB_API_KEY: 'abc', WANDB_BASE_URL: 'nope', WANDB_MODE: 'offline' }
    const saved = resolveWandbSettings(NO_OPTIONS, offline, '/r', noNetrc)
    expect([saved.mode, saved.trouble]).toEqual(['offline', undefined])
  })
})

describe('an API key W&B would refuse', () => {
  it('saves the run offline and says what is wrong with it without showing it', () => {
    const settings = resolveWandbSettings(NO_OPTIONS, { WANDB_API_KEY: 'abc' }, '/r', noNetrc)
    expect(settings).toMatchObject({ mode: 'offline', trouble: { outcome: 'offline' } })
    expect(settings.trouble?.problem).toEqual({
      what: 'WANDB_API_KEY is not a W&B API key (it has 3 characters where W&B keys have 40 or more)',
      fix: 'set WANDB_API_KEY to your key from https://wandb.ai/authorize, or run `wandb login --relogin`',
    })
  })

  it('names the netrc entry when the key came from there', () => {
    const settings = resolveWandbSettings(NO_OPTIONS, {}, '/r', () => 'short')
    expect(settings.trouble?.problem.what).toBe(
      'the API key for api.wandb.ai in ~/.netrc is not a W&B API key (it has 5 characters where W&B keys have 40 or more)',
    )
  })

  it('takes 40-character keys and longer prefixed ones, as W&B does', () => {
    for (const key of [KEY, `local-${KEY}`, `a-b-${'x'.repeat(60)}`]) {
      const settings = resolveWandbSettings(NO_OPTIONS, { WANDB_API_KEY: key }, '/r', noNetrc)
      expect([settings.mode, settings.apiKey, settings.trouble]).toEqual(['online', key, undefined])
    }
  })

  it('refuses a key with spaces or signs in its secret part', () => {
    for (const key of [`${KEY.slice(0, 20)} ${KEY.slice(20)}`, `${KEY}*`]) {
      const settings = resolveWandbSettings(NO_OPTIONS, { WANDB_API_KEY: key }, '/r', noNetrc)
      expect(settings.mode).toBe('offline')
      expect(settings.trouble?.problem.what).toBe(
        'WANDB_API_KEY is not a W&B API key (it holds characters other than letters, digits and underscores after its last "-")',
      )
      expect(JSON.stringify(settings.trouble)).not.toContain(KEY.slice(0, 20))
    }
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
