import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { diffCommand } from '../../src/cli/diff-command.js'
import { runCli } from '../../src/cli/run-cli.js'
import type { RemoteSessions } from '../../src/compare/remote-spec.js'
import type { TestRecord } from '../../src/session/test-record.js'
import { shapeProblems } from '../compare/support/documented-shape.js'
import { ragTrace, record, scoreOf, writeSessionFile } from '../compare/support/sessions.js'

interface Ran {
  readonly code: number
  readonly out: string
  readonly err: string
}

function streams(isTTY = false) {
  const seen = { out: '', err: '' }
  return {
    seen,
    streams: {
      out: { write: (text: string) => (seen.out += text), isTTY },
      err: { write: (text: string) => (seen.err += text) },
    },
  }
}

async function cli(args: string[], env: Record<string, string> = {}, isTTY = false): Promise<Ran> {
  const { seen, streams: io } = streams(isTTY)
  const code = await runCli(['diff', ...args], io, env)
  return { code, ...seen }
}

const dir = mkdtempSync(join(tmpdir(), 'diff-command-'))
const write = (name: string, records: TestRecord[]) => writeSessionFile(join(dir, name), records)

const BASE = write('base.jsonl', [
  record('answers', { traces: [ragTrace()], scores: { faithfulness: scoreOf(0.9) } }),
  record('refuses'),
])
const BROKEN = write('broken.jsonl', [
  record('answers', { traces: [ragTrace(['rerank'])], scores: { faithfulness: scoreOf(0.9) } }),
  record('refuses', { state: 'failed', error: 'boom' }),
])
const LOWER = write('lower.jsonl', [
  record('answers', { traces: [ragTrace()], scores: { faithfulness: scoreOf(0.85) } }),
  record('refuses'),
])

describe('vitest-wandb diff', () => {
  it('prints the text report and exits 0, even with regressions, unless asked to fail', async () => {
    const ran = await cli([BASE, BROKEN])
    expect(ran.code).toBe(0)
    expect(ran.err).toBe('')
    expect(ran.out).toMatch(/^vitest-wandb diff\n {2}base {2}.*base\.jsonl\n/)
    expect(ran.out).toContain('✗ a.test.ts > refuses  passed → failed\n    error: boom\n')
    expect(ran.out).toContain('      +├─ rerank (CHAIN)\n')
    expect(ran.out).not.toContain('\u001b[')
  })

  it('exits 1 with --fail-on-regression when a test broke or a score mean fell past the tolerance', async () => {
    const broken = await cli(['--fail-on-regression', BASE, BROKEN])
    expect(broken.code).toBe(1)
    expect(broken.err).toBe(
      'vitest-wandb diff: 1 regression found; exit code 1 (--fail-on-regression).\n',
    )
    expect((await cli(['--fail-on-regression', BASE, LOWER])).code).toBe(1)
    const tolerant = await cli(['--fail-on-regression', '--score-tolerance', '0.1', BASE, LOWER])
    expect(tolerant).toMatchObject({ code: 0, err: '' })
    expect((await cli(['--fail-on-regression', BASE, BASE])).code).toBe(0)
    expect((await cli(['--fail-on-regression', BROKEN, BASE])).code).toBe(0)
  })

  it('prints markdown and json on request', async () => {
    const markdown = await cli(['--format', 'markdown', BASE, BROKEN])
    expect(markdown.out).toMatch(/^## vitest-wandb diff\n/)
    expect(markdown.out).toContain('```diff\n')
    const json = await cli(['--format=json', BASE, BROKEN])
    const parsed = JSON.parse(json.out) as { version: number; tests: { id: string }[] }
    expect(parsed.version).toBe(1)
    expect(parsed.tests.map((test) => test.id)).toEqual([
      'a.test.ts > refuses',
      'a.test.ts > answers',
    ])
    expect(shapeProblems(parsed, false)).toEqual([])
  })

  it('colours the text report on a terminal, unless NO_COLOR is set', async () => {
    expect((await cli([BASE, BROKEN], {}, true)).out).toContain('\u001b[')
    expect((await cli([BASE, BROKEN], { NO_COLOR: '1' }, true)).out).not.toContain('\u001b[')
    expect((await cli(['--format', 'markdown', BASE, BROKEN], {}, true)).out).not.toContain(
      '\u001b[',
    )
  })

  it('exits 2 with one line naming the input that is missing or not a session', async () => {
    const corrupt = join(dir, 'corrupt.jsonl')
    writeFileSync(corrupt, '{"kind":"session","version":1,"id":"x"}\nnot json\n')
    const cases: [string[], string][] = [
      [
        [join(dir, 'nope.jsonl'), BASE],
        `base: ${join(dir, 'nope.jsonl')} is not a file or folder here, nor a W&B run (entity/project/runId, a run URL, or branch:<name>).`,
      ],
      [[BASE, corrupt], `head: ${corrupt} line 2 is not JSON.`],
      [
        [BASE, 'team/project/run1'],
        'head: could not get the session of team/project/run1: no W&B API key: set WANDB_API_KEY or run `wandb login`.',
      ],
      [
        ['branch:main', BASE],
        'base: could not get the session of branch:main: no W&B API key: set WANDB_API_KEY or run `wandb login`.',
      ],
    ]
    for (const [args, line] of cases) {
      const ran = await cli(args)
      expect(ran).toEqual({ code: 2, out: '', err: `vitest-wandb diff: ${line}\n` })
    }
  })

  it('exits 2 with the usage for wrong arguments', async () => {
    const ran = await cli([BASE])
    expect(ran.code).toBe(2)
    expect(ran.err).toMatch(
      /^vitest-wandb diff: diff compares two sessions, <base> and <head>; one was given\.\n\nUsage: vitest-wandb diff \[options\] <base> <head>\n/,
    )
    expect(ran.err).toContain('Run `vitest-wandb diff --help` for more.')
  })

  it('reads W&B sources through the remote sessions it is given, for the place asked', async () => {
    const remote: RemoteSessions = { fetch: async () => ({ ok: true, value: BROKEN }) }
    const asked: unknown[] = []
    const { seen, streams: io } = streams()
    const code = await diffCommand((env, where) => {
      asked.push([env, where])
      return remote
    }).run(
      ['--fail-on-regression', '--project', 'evals', '--entity=team', BASE, 'branch:main'],
      io,
      { WANDB_API_KEY: 'k' },
    )
    expect(code).toBe(1)
    expect(seen.out).toContain('  head  branch:main (')
    expect(asked).toEqual([[{ WANDB_API_KEY: 'k' }, { project: 'evals', entity: 'team' }]])
  })

  it('says which input W&B could not give, and why, with exit code 2', async () => {
    const { seen, streams: io } = streams()
    const code = await diffCommand(() => ({
      fetch: async () => ({ ok: false, reason: 'W&B has no run team/evals/abc' }),
    })).run([BASE, 'team/evals/abc'], io, {})
    expect(code).toBe(2)
    expect(seen.err).toBe(
      'vitest-wandb diff: head: could not get the session of team/evals/abc: W&B has no run team/evals/abc.\n',
    )
  })

  it('shows its help, listed among the commands', async () => {
    const help = await runCli(['diff', '--help'], streams().streams, {})
    expect(help).toBe(0)
    const { seen, streams: io } = streams()
    await runCli(['help', 'diff'], io, {})
    expect(seen.out).toMatch(/^Usage: vitest-wandb diff \[options\] <base> <head>\n/)
    expect(seen.out).toContain('Exit codes:')
    const top = streams()
    await runCli(['--help'], top.streams, {})
    expect(top.seen.out).toMatch(/\n {2}diff <base> <head> +Compare two test sessions/)
  })
})
