import { beforeAll, describe, expect, it } from 'vitest'
import { useFakeWandb } from '../support/fake-wandb/use-fake-wandb.js'
import { keylessEnv } from './support/keyless-env.js'
import { runCli } from './support/run-cli.js'
import type { CliRun } from './support/run-cli.js'
import { addedSession, diffProjectOnMain } from './support/diff-project.js'
import { runVitest } from './support/run-fixture.js'

const fake = useFakeWandb()

/** The report without its first lines, which name the sources. */
function withoutSources(report: string): string {
  return report.slice(report.indexOf('\n\n'))
}

describe('vitest-wandb diff against sessions kept by W&B', () => {
  let dir: string
  let base: string
  let head: string
  let runPath: string
  const diff = (...args: string[]): Promise<CliRun> =>
    runCli(['diff', '--project', 'e2e-diff', ...args], dir, fake().env())

  beforeAll(async () => {
    dir = diffProjectOnMain()
    const online = await runVitest(dir, ['run'], { ...keylessEnv(), ...fake().env() })
    expect(online.exitCode, online.stderr).toBe(0)
    base = addedSession(dir, [])
    const headRun = await runVitest(dir, ['run'], { ...keylessEnv(), E2E_DIFF_SIDE: 'head' })
    expect(headRun.exitCode).toBe(1)
    head = addedSession(dir, [base])
    const [run] = fake().runs.filter((each) => each.project === 'e2e-diff')
    runPath = `${fake().entity}/e2e-diff/${run?.name}`
  }, 120_000)

  it('gives the same report for the W&B run, by path, by URL and as branch:main, as for its session file', async () => {
    const local = await diff(base, head)
    expect(local.code, local.stderr).toBe(0)
    for (const source of [
      runPath,
      `${fake().baseUrl}/${runPath.replace(/\/([^/]+)$/, '/runs/$1')}`,
      'branch:main',
    ]) {
      const remote = await diff(source, head)
      expect(remote.code, remote.stderr).toBe(0)
      expect(remote.stdout).toContain(`  base  ${source}`)
      expect(withoutSources(remote.stdout)).toBe(withoutSources(local.stdout))
    }
    const failing = await diff('--fail-on-regression', 'branch:main', head)
    expect(failing.code).toBe(1)
    expect(fake().invalidDocuments).toEqual([])
  })

  it('exits 2 with one line for a run W&B does not have, a branch with no finished run, and no W&B', async () => {
    const missing = await diff(`${fake().entity}/e2e-diff/nosuchrun`, head)
    expect(missing).toMatchObject({ code: 2, stdout: '' })
    expect(missing.stderr).toBe(
      `vitest-wandb diff: base: could not get the session of ${fake().entity}/e2e-diff/nosuchrun: W&B has no run ${fake().entity}/e2e-diff/nosuchrun.\n`,
    )
    const branch = await diff('branch:release', head)
    expect(branch.stderr).toBe(
      `vitest-wandb diff: base: could not get the session of branch:release: W&B has no finished run of ${fake().entity}/e2e-diff on the branch release.\n`,
    )
    expect(branch.code).toBe(2)
    await fake().failures.refuse()
    const down = await diff('branch:main', head)
    expect(down.code).toBe(2)
    expect(down.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1)
    expect(down.stderr).toMatch(
      /^vitest-wandb diff: base: could not get the session of branch:main: /,
    )
  })
})
