import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useFakeWandb } from '../support/fake-wandb/use-fake-wandb.js'
import { keylessEnv } from './support/keyless-env.js'
import { expectedVersions, runFixture } from './support/run-fixture.js'
import type { FixtureRun } from './support/run-fixture.js'
import { xmlProblem } from './support/well-formed-xml.js'

const TOTALS =
  'vitest-wandb: 29 tests (26 passed, 1 failed, 2 skipped) · 27 with traces · 79 spans · 6 LLM calls · 200 tokens'
const RUN_TEST_TIMEOUT_MS = 90_000

const fake = useFakeWandb()

/** Our summary is whole on stderr, and stdout holds none of our lines. */
function expectSummaryOnStderr(run: FixtureRun): void {
  expect(run.stdout).not.toContain('vitest-wandb')
  const stderr = run.stderr.split('\n')
  const totals = stderr.indexOf(TOTALS)
  expect(totals, run.stderr).toBeGreaterThanOrEqual(0)
  expect(stderr.slice(totals + 1)).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^ {2}session file: \.vitest-wandb\/session-.*\.jsonl$/),
      expect.stringMatching(/^ {2}W&B offline run: wandb\/offline-run-/),
    ]),
  )
}

describe('a run whose report is printed on stdout', () => {
  it(
    'leaves stdout to a json report printed there: it parses as JSON, and our lines are on stderr',
    async () => {
      const run = await runFixture('suite', [], {
        ...keylessEnv(),
        E2E_REPORTERS: JSON.stringify([['json', { stdout: true }]]),
      })
      expect(run.exitCode).toBe(1)
      const report = JSON.parse(run.stdout) as Record<string, unknown>
      expect(report).toMatchObject({ numTotalTests: 29, numFailedTests: 1, success: false })
      expectSummaryOnStderr(run)
    },
    RUN_TEST_TIMEOUT_MS,
  )

  it(
    'leaves stdout to a junit report printed there: it is well-formed XML, and our lines are on stderr',
    async () => {
      const run = await runFixture('suite', [], {
        ...keylessEnv(),
        E2E_REPORTERS: JSON.stringify([['junit', { stdout: true }]]),
      })
      expect(run.exitCode).toBe(1)
      expect(xmlProblem(run.stdout)).toBeUndefined()
      expect(run.stdout).toMatch(
        /^<\?xml[^>]*>\s*<testsuites name="vitest tests" tests="29" failures="1"/,
      )
      expectSummaryOnStderr(run)
    },
    RUN_TEST_TIMEOUT_MS,
  )

  it(
    'follows where `--reporter=json` puts its report: stdout on Vitest 4, .vitest/json/ on Vitest 5',
    async () => {
      const run = await runFixture('suite', ['--reporter=json'], keylessEnv())
      expect(run.exitCode).toBe(1)
      if (Number.parseInt(expectedVersions().vitest, 10) < 5) {
        expect(JSON.parse(run.stdout)).toMatchObject({ numTotalTests: 29 })
        expectSummaryOnStderr(run)
      } else {
        const file = join(run.dir, '.vitest', 'json', 'output.json')
        expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ numTotalTests: 29 })
        expect(run.stdout.split('\n')).toContain(TOTALS)
        expect(run.stderr).not.toContain('vitest-wandb')
      }
    },
    RUN_TEST_TIMEOUT_MS,
  )

  it(
    'prints our lines on stdout as usual when the json report goes to a file',
    async () => {
      const run = await runFixture(
        'suite',
        ['--reporter=json', '--outputFile.json=report.json'],
        keylessEnv(),
      )
      expect(run.stdout.split('\n')).toContain(TOTALS)
      expect(run.stderr).not.toContain('vitest-wandb')
    },
    RUN_TEST_TIMEOUT_MS,
  )
})

describe('a run that waits on a slow W&B', () => {
  it(
    'says once, after 2 s, that it waits for W&B to finish the run and for how long at most',
    async () => {
      fake().failures.delay('upload', 3_500, 1)
      const run = await runFixture('suite', [], { ...keylessEnv(), ...fake().env() })
      expect(run.exitCode).toBe(1)
      const waits = run.stdout.split('\n').filter((line) => line.includes('waiting for W&B'))
      expect(waits, run.stdout + run.stderr).toHaveLength(1)
      const leftS = Number(
        waits[0]?.match(
          /^vitest-wandb: waiting for W&B to finish the run \(up to (\d+) s more\)…$/,
        )?.[1],
      )
      // 30 s of timeoutMs, less the 2 s before the line (and a second more on a busy machine).
      expect([27, 28]).toContain(leftS)
      const logged = fake().runs.filter((each) => each.history.length > 0)
      expect(logged).toHaveLength(1)
      expect(logged[0]).toMatchObject({ complete: true, exitcode: 1 })
      expect(run.stdout).toContain(`W&B run: ${fake().baseUrl}/test-entity/e2e-suite/runs/`)
    },
    RUN_TEST_TIMEOUT_MS,
  )
})
