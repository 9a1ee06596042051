import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../src/cli/run-cli.js'

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
      readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
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
