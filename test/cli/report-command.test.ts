import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { reportCommand } from '../../src/cli/report-command.js'
import { runCli } from '../../src/cli/run-cli.js'
import type { RemoteSessions } from '../../src/compare/remote-spec.js'
import { ragTrace, record, writeSessionFile } from '../compare/support/sessions.js'

interface Ran {
  readonly code: number
  readonly out: string
  readonly err: string
}

async function run(
  command: (args: string[], io: never) => Promise<number>,
  args: string[],
): Promise<Ran> {
  const seen = { out: '', err: '' }
  const io = {
    out: { write: (text: string) => (seen.out += text) },
    err: { write: (text: string) => (seen.err += text) },
  }
  const code = await command(args, io as never)
  return { code, ...seen }
}

const cli = (args: string[]): Promise<Ran> =>
  run((all, io) => runCli(['report', ...all], io, {}), args)

const dir = mkdtempSync(join(tmpdir(), 'report-command-'))
const BASE = writeSessionFile(join(dir, 'base.jsonl'), [
  record('answers', { traces: [ragTrace()] }),
])
const HEAD = writeSessionFile(join(dir, 'head.jsonl'), [
  record('answers', { traces: [ragTrace(['rerank'])] }),
  record('refuses', { state: 'failed', error: 'boom' }),
])

/** The data a written report holds. */
function dataOf(file: string): { tests: { name: string }[]; baseline: { source: string } | null } {
  const html = readFileSync(file, 'utf8')
  const json = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)?.[1]
  return JSON.parse(json ?? 'null')
}

describe('vitest-wandb report', () => {
  it('writes the report of a session where --out says, prints its path and exits 0', async () => {
    const out = join(dir, 'reports', 'nested', 'head.html')
    const ran = await cli([HEAD, '--out', out])
    expect(ran).toEqual({ code: 0, out: `${out}\n`, err: '' })
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/)
    expect(dataOf(out).tests.map((test) => test.name)).toEqual(['answers', 'refuses'])
    expect(dataOf(out).baseline).toBeNull()
  })

  it('compares with --compare, reading the baseline as diff does', async () => {
    const out = join(dir, 'compared.html')
    const ran = await cli([HEAD, `--compare=${dir}/base.jsonl`, `--out=${out}`])
    expect(ran.code).toBe(0)
    expect(dataOf(out).baseline?.source).toBe(`${dir}/base.jsonl`)
  })

  it('names the input that cannot be read, and exits 2 as diff does', async () => {
    const out = join(dir, 'never.html')
    const missing = await cli([join(dir, 'none.jsonl'), '--out', out])
    expect(missing.code).toBe(2)
    expect(missing.out).toBe('')
    expect(missing.err).toBe(
      `vitest-wandb report: session: ${join(dir, 'none.jsonl')} is not a file or folder here, nor a W&B run (entity/project/runId, a run URL, or branch:<name>).\n`,
    )
    const notSession = join(dir, 'notes.txt')
    writeFileSync(notSession, 'hello\n')
    const bad = await cli([HEAD, '--compare', notSession, '--out', out])
    expect(bad.code).toBe(2)
    expect(bad.err).toBe(
      `vitest-wandb report: baseline: ${notSession} is not a session file: line 1 is not JSON.\n`,
    )
    expect(existsSync(out)).toBe(false)
  })

  it('reads a W&B source through the remote sessions of the environment', async () => {
    const asked: unknown[] = []
    const remote: RemoteSessions = {
      fetch: async (spec) => {
        asked.push(spec)
        return { ok: true, value: BASE }
      },
    }
    const command = reportCommand((_env, where) => {
      asked.push(where)
      return remote
    })
    const out = join(dir, 'remote.html')
    const ran = await run(
      (args, io) => command.run(args, io, {}),
      [HEAD, '--compare', 'branch:main', '--project', 'evals', '--out', out],
    )
    expect(ran.code).toBe(0)
    expect(asked).toEqual([{ project: 'evals' }, { kind: 'branch', branch: 'main' }])
    expect(dataOf(out).baseline?.source).toBe('branch:main')
  })

  it('exits 1 when the report cannot be written', async () => {
    const blocked = join(dir, 'a-file')
    writeFileSync(blocked, '')
    const ran = await cli([HEAD, '--out', join(blocked, 'report.html')])
    expect(ran.code).toBe(1)
    expect(ran.err).toBe(
      `vitest-wandb report: could not write ${join(blocked, 'report.html')} (EEXIST: a file is in the way).\n`,
    )
  })

  it('shows its usage on wrong usage and exits 2', async () => {
    const ran = await cli(['a', 'b'])
    expect(ran.code).toBe(2)
    expect(ran.err).toMatch(
      /^vitest-wandb report: report shows one session; 2 were given \(compare two with --compare <base>\)\.\n\nUsage: vitest-wandb report \[options\] \[<session>\]\n/,
    )
  })

  it('is listed in the help, and has its own', async () => {
    const top = await run((_, io) => runCli(['--help'], io, {}), [])
    expect(top.out).toContain(
      "  report [<session>]  Write a session's tests and traces as one HTML file.\n",
    )
    const help = await cli(['--help'])
    expect(help.out).toMatch(/^Usage: vitest-wandb report \[options\] \[<session>\]\n/)
    expect(help.out).toContain('--compare <base>')
    expect(help.out).toContain('2  wrong usage, or an input that is missing or not a session')
  })
})
