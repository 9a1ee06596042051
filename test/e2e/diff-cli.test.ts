import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { shapeProblems } from '../compare/support/documented-shape.js'
import { keylessEnv } from './support/keyless-env.js'
import { runFolders } from './support/offline-runs.js'
import { runCli } from './support/run-cli.js'
import type { CliRun } from './support/run-cli.js'
import { copyFixture, runVitest } from './support/run-fixture.js'

const SESSIONS = '.vitest-wandb'
const SHIPPING = 'answers.test.ts > the handbook assistant > answers about shipping'

/** The one session file in `dir` that is not among `known`. */
function newSession(dir: string, known: readonly string[]): string {
  const names = readdirSync(join(dir, SESSIONS)).filter(
    (name) => name.startsWith('session-') && !known.includes(join(SESSIONS, name)),
  )
  if (names.length !== 1) throw new Error(`expected one new session in ${dir}, found ${names}`)
  return join(SESSIONS, names[0] as string)
}

describe('vitest-wandb diff on the sessions of two real runs', () => {
  let dir: string
  let base: string
  let again: string
  let head: string
  const diff = (...args: string[]): Promise<CliRun> => runCli(['diff', ...args], dir)

  beforeAll(async () => {
    dir = copyFixture('diff')
    const env = keylessEnv()
    const known: string[] = []
    const session = async (side: 'base' | 'head'): Promise<string> => {
      const run = await runVitest(
        dir,
        ['run'],
        side === 'head' ? { ...env, E2E_DIFF_SIDE: 'head' } : env,
      )
      expect(run.exitCode, run.stderr).toBe(side === 'head' ? 1 : 0)
      known.push(newSession(dir, known))
      return known.at(-1) as string
    }
    base = await session('base')
    again = await session('base') // the same tests again: nothing may differ but their times
    head = await session('head')
  }, 120_000)

  it('reports the added span, the broken test, the lower score and the extra tokens', async () => {
    const result = await diff(base, head)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toBe('')
    const text = result.stdout
    expect(text).toContain(`  base  ${base}\n`)
    expect(text).toContain('  Failed                    0      1  +1\n')
    expect(text).toContain('  relevance (mean)       0.85   0.65  -0.2\n')
    expect(text).toContain('  Tokens                   40     60  +20\n')
    expect(text).toContain(`✗ ${SHIPPING}  passed → failed, tokens\n`)
    expect(text).toContain("    error: AssertionError: expected 'no idea' to be '30 days'")
    expect(text).toContain(
      [
        '    structure:',
        '      @@ -1,3 +1,4 @@',
        '       query (AGENT)',
        '       ├─ retrieve (TOOL)',
        '      +├─ reranking (CHAIN)',
        '       └─ llm (LLM)',
      ].join('\n'),
    )
    expect(text).toContain('    relevance: 0.9 → 0.5 (-0.4)\n')
    expect(text).not.toContain('is skipped in both')
    expect(text).toContain('2 regressions:\n')
  })

  it('finds the newest session in a folder of sessions and in the project folder', async () => {
    const byFile = await diff(base, head)
    for (const folder of [SESSIONS, '.']) {
      const result = await diff(base, folder)
      expect(result.code).toBe(0)
      expect(result.stdout.replace(`  head  ${head}`, '')).toBe(
        byFile.stdout.replace(`  head  ${head}`, ''),
      )
    }
  })

  it('gives the same report for the offline run folders the two runs left as for their session files', async () => {
    // Each run keeps its session among its run files: the folder whose copy is that session's.
    const folderOf = (session: string): string => {
      const bytes = readFileSync(join(dir, session), 'utf8')
      const found = runFolders(dir).find(
        (run) =>
          readFileSync(join(run, 'files', 'vitest-wandb', 'session.jsonl'), 'utf8') === bytes,
      )
      if (found === undefined) throw new Error(`no run folder keeps ${session}`)
      return found
    }
    const [baseRun, headRun] = [folderOf(base), folderOf(head)]
    const byFolder = await diff(baseRun, headRun)
    const byFile = await diff(base, head)
    expect(byFolder.code).toBe(0)
    expect(byFolder.stdout).toContain(`✗ ${SHIPPING}  passed → failed, tokens\n`)
    const body = (report: string): string => report.slice(report.indexOf('\n\n'))
    expect(body(byFolder.stdout)).toBe(body(byFile.stdout))
  })

  it('prints JSON of the documented shape', async () => {
    const result = await diff('--format', 'json', base, head)
    expect(result.code).toBe(0)
    const json = JSON.parse(result.stdout) as { version: number; tests: { id: string }[] }
    expect(json.version).toBe(1)
    expect(shapeProblems(json, true)).toEqual([])
    expect(json).toMatchObject({
      summary: { failed: { base: 0, head: 1, delta: 1 }, changes: { 'passed-to-failed': 1 } },
      regressions: [
        { kind: 'passed-to-failed', test: SHIPPING },
        { kind: 'score-dropped', score: 'relevance' },
      ],
    })
  })

  it('exits 1 with --fail-on-regression, and 0 between two runs of the same tests', async () => {
    const regressed = await diff('--fail-on-regression', base, head)
    expect(regressed.code).toBe(1)
    expect(regressed.stderr).toContain('2 regressions found; exit code 1 (--fail-on-regression).')
    const same = await diff('--fail-on-regression', base, again)
    expect(same.code, same.stdout).toBe(0)
    expect(same.stdout).toContain(
      'No test changed (5 tests in both sessions).\n\nNo regressions.\n',
    )
  })

  it('exits 2 with one line naming each bad input and why', async () => {
    writeFileSync(
      join(dir, 'cut.jsonl'),
      `${'{"kind":"session","version":1,"id":"c"}'}\n{"kind":"te`,
    )
    writeFileSync(join(dir, 'notes.txt'), 'hello\n')
    mkdirSync(join(dir, 'empty'))
    const cases: [string[], string][] = [
      [
        ['missing.jsonl', head],
        'base: missing.jsonl is not a file or folder here, nor a W&B run (entity/project/runId, a run URL, or branch:<name>).',
      ],
      [[base, 'cut.jsonl'], 'head: cut.jsonl line 2 is not JSON.'],
      [['notes.txt', head], 'base: notes.txt is not a session file: line 1 is not JSON.'],
      [
        [base, 'empty'],
        'head: empty holds no session files (session-*.jsonl): pass a session file, a folder of them such as .vitest-wandb/, or a W&B run folder.',
      ],
      [
        ['team/evals/abc123', head],
        'base: could not get the session of team/evals/abc123: no W&B API key: set WANDB_API_KEY or run `wandb login`.',
      ],
    ]
    for (const [args, line] of cases) {
      const result = await diff(...args)
      expect({ code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({
        code: 2,
        stdout: '',
        stderr: `vitest-wandb diff: ${line}\n`,
      })
    }
    const usage = await diff('--format', 'xml', base, head)
    expect(usage.code).toBe(2)
    expect(usage.stderr.split('\n')[0]).toBe(
      'vitest-wandb diff: --format takes text, markdown or json; "xml" is not one.',
    )
  })
})
