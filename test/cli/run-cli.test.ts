import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/run-cli.js'

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli(args, {
    out: { write: (text: string) => (out += text) },
    err: { write: (text: string) => (err += text) },
  })
  return { code, out, err }
}

describe('the vitest-wandb command', () => {
  it('prints its usage for help, -h, --help and no command', async () => {
    for (const args of [[], ['help'], ['-h'], ['--help']]) {
      const result = await cli(...args)
      expect(result.code).toBe(0)
      expect(result.out).toMatch(/^Usage: vitest-wandb <command>/)
    }
  })

  it('prints the package version', async () => {
    const { version } = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string }
    expect(await cli('--version')).toEqual({ code: 0, out: `${version}\n`, err: '' })
  })

  it('exits 2 with the usage on stderr for an unknown command', async () => {
    const result = await cli('launch')
    expect(result.code).toBe(2)
    expect(result.err).toMatch(/^vitest-wandb: unknown command "launch"\.\n\nUsage:/)
    expect(result.out).toBe('')
  })
})

describe('help for a command', () => {
  it('prints the sync help on stdout for sync -h, sync --help and help sync', async () => {
    for (const args of [
      ['sync', '-h'],
      ['sync', '--help'],
      ['help', 'sync'],
      ['sync', 'a', '-h'],
    ]) {
      const result = await cli(...args)
      expect(result.code).toBe(0)
      expect(result.err).toBe('')
      expect(result.out).toMatch(/^Usage: vitest-wandb sync \[options\] <dir>\.\.\.\n/)
    }
  })

  it('lists every command with its synopsis in the top-level help', async () => {
    const { out } = await cli('--help')
    expect(out).toMatch(/\n {2}sync <dir>\.\.\. +Upload offline runs/)
    expect(out).toMatch(/\n {2}help \[command\] +Show this help, or a command's\./)
  })

  it('takes -h after -- as a folder name, not as a request for help', async () => {
    const result = await cli('sync', '--', '-h')
    expect(result.code).toBe(1)
    expect(result.out).toBe('')
    expect(result.err).toContain('could not sync -h: -h is not a folder that can be read.')
  })

  it('exits 2 with the usage on stderr for an unknown option or help on an unknown command', async () => {
    const option = await cli('--verbose')
    expect(option).toMatchObject({ code: 2, out: '' })
    expect(option.err).toMatch(/^vitest-wandb: unknown option "--verbose"\.\n\nUsage: vitest-wandb/)
    const help = await cli('help', 'deploy')
    expect(help).toMatchObject({ code: 2, out: '' })
    expect(help.err).toMatch(/^vitest-wandb: there is no command "deploy" to help with\.\n\nUsage:/)
    const inSync = await cli('sync', '-x', 'wandb')
    expect(inSync).toMatchObject({ code: 2, out: '' })
    expect(inSync.err).toMatch(
      /^vitest-wandb sync: unknown option "-x"\.\n\nUsage: vitest-wandb sync/,
    )
    expect(inSync.err).toContain('Run `vitest-wandb sync --help` for more.')
  })
})
