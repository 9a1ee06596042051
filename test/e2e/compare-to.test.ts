import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useFakeWandb } from '../support/fake-wandb/use-fake-wandb.js'
import { keylessEnv } from './support/keyless-env.js'
import { runCli } from './support/run-cli.js'
import { diffProjectOnMain, sessionFiles } from './support/diff-project.js'
import { runVitest } from './support/run-fixture.js'

const fake = useFakeWandb()

describe('compareTo: each session compared with a baseline as it ends', () => {
  it("compares with the previous session: the closing lines, and the job summary diff's markdown would print", async () => {
    const dir = diffProjectOnMain()
    const base = await runVitest(dir, ['run'], keylessEnv())
    expect(base.exitCode).toBe(0)
    const [baseFile] = sessionFiles(dir)
    const jobSummary = join(mkdtempSync(join(tmpdir(), 'job-')), 'summary.md')
    const head = await runVitest(dir, ['run'], {
      ...keylessEnv(),
      E2E_DIFF_SIDE: 'head',
      E2E_COMPARE_TO: 'previous',
      GITHUB_STEP_SUMMARY: jobSummary,
    })
    expect(head.exitCode).toBe(1)
    const headFile = sessionFiles(dir).find((name) => name !== baseFile) as string
    expect(head.stdout).toContain(
      `vitest-wandb: compared with the previous session (${baseFile}): 4 tests changed: 1 passed → failed, 1 scores, 1 structure, 4 tokens\n`,
    )
    expect(head.stdout).toContain('  tokens 40 → 60 (+20)\n')
    expect(head.stdout).toContain('  relevance mean 0.85 → 0.65 (-0.2)\n')
    expect(head.stdout).toContain(
      '  regression: answers.test.ts > the handbook assistant > answers about shipping: passed → failed\n',
    )
    const markdown = await runCli(['diff', '--format', 'markdown', baseFile!, headFile], dir)
    expect(readFileSync(jobSummary, 'utf8')).toBe(`${markdown.stdout}\n`)
  })

  it('finds the newest finished run of main in W&B before the session starts, and names it in the config', async () => {
    const dir = diffProjectOnMain()
    const online = { ...keylessEnv(), ...fake().env() }
    expect((await runVitest(dir, ['run'], online)).exitCode).toBe(0)
    const [baseRun] = fake().runs.filter((run) => run.project === 'e2e-diff')
    const basePath = `${fake().entity}/e2e-diff/${baseRun?.name}`
    const head = await runVitest(dir, ['run'], {
      ...online,
      E2E_DIFF_SIDE: 'head',
      E2E_COMPARE_TO: 'branch:main',
    })
    expect(head.exitCode).toBe(1)
    expect(head.stdout).toContain(
      `vitest-wandb: compared with branch:main (${basePath}): 4 tests changed: 1 passed → failed, 1 scores, 1 structure, 4 tokens\n`,
    )
    const headRun = fake()
      .runs.filter((run) => run.project === 'e2e-diff')
      .at(-1)
    expect(headRun?.configValues).toMatchObject({ baseline_run: basePath, git_branch: 'main' })
    expect(fake().invalidDocuments).toEqual([])
  })

  it('writes the report of each session, with the comparison, when the report option asks for it', async () => {
    const dir = diffProjectOnMain()
    expect((await runVitest(dir, ['run'], keylessEnv())).exitCode).toBe(0)
    const [baseFile] = sessionFiles(dir)
    const head = await runVitest(dir, ['run'], {
      ...keylessEnv(),
      E2E_DIFF_SIDE: 'head',
      E2E_COMPARE_TO: 'previous',
      E2E_REPORT: 'reports/session.html',
    })
    expect(head.exitCode).toBe(1)
    expect(head.stdout).toContain('  report: reports/session.html\n')
    const html = readFileSync(join(dir, 'reports', 'session.html'), 'utf8')
    const json = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(
      html,
    )?.[1]
    const data = JSON.parse(json ?? 'null') as {
      session: { id: string; gitBranch: string | null }
      baseline: { id: string } | null
      tests: unknown[]
    }
    expect(data.baseline?.id).toBe(baseFile?.match(/-([0-9a-f]{8})\.jsonl$/)?.[1])
    expect(data.tests).toHaveLength(5)
    expect(data.session.gitBranch).toBe('main')
    const plain = await runVitest(dir, ['run'], { ...keylessEnv(), E2E_REPORT: 'true' })
    expect(plain.stdout).toContain('  report: .vitest-wandb/report.html\n')
  })

  it('says in one warning line when the baseline cannot be found, and changes nothing else', async () => {
    const dir = diffProjectOnMain()
    const run = await runVitest(dir, ['run'], { ...keylessEnv(), E2E_COMPARE_TO: 'branch:main' })
    expect(run.exitCode).toBe(0)
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('vitest-wandb:'))
    expect(warnings).toEqual([
      'vitest-wandb: could not find the baseline branch:main (no W&B API key: set WANDB_API_KEY or run `wandb login`); the session is not compared.',
    ])
    expect(run.stdout).not.toContain('compared with')
  })
})
