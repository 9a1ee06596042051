import { median } from '../measure.js'
import { offlineHistoryRows } from './offline-rows.js'
import { runSuite } from './run-suite.js'
import { installPackage, writeSuite } from './suite-project.js'
import type { SuiteShape, SuiteVariant } from './suite-project.js'

const ROUNDS = 5
const TIMING_SUITE: SuiteShape = { files: 10, testsPerFile: 20, spansPerTest: 40 }
const MEMORY_LARGE: SuiteShape = { files: 50, testsPerFile: 100, spansPerTest: 100 }
const MEMORY_SMALL: SuiteShape = { files: 1, testsPerFile: 50, spansPerTest: 100 }
const MB = 1024 * 1024
const VARIANTS: readonly SuiteVariant[] = ['no-op', 'plugin', 'plugin-scores']

interface VariantTimes {
  readonly wallMs: number[]
  /** History rows of the offline run each plugin run left (all tests, or the run lost some). */
  readonly rows: number[]
}

/** Each variant's wall times over alternating runs, so drift in the machine hits all alike. */
async function timeVariants(): Promise<Map<SuiteVariant, VariantTimes>> {
  const dirs = new Map(VARIANTS.map((variant) => [variant, writeSuite(variant, TIMING_SUITE)]))
  const times = new Map(VARIANTS.map((variant) => [variant, { wallMs: [], rows: [] }]))
  for (const dir of dirs.values()) await runSuite(dir)
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const variant of VARIANTS) {
      const dir = dirs.get(variant) as string
      const measured = times.get(variant) as VariantTimes
      measured.wallMs.push((await runSuite(dir)).wallMs)
      if (variant !== 'no-op') measured.rows.push(offlineHistoryRows(dir))
    }
  }
  return times
}

function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'FAIL'
}

async function main(): Promise<void> {
  installPackage()
  const tests = TIMING_SUITE.files * TIMING_SUITE.testsPerFile
  console.log(
    `Vitest harness: ${tests} tests × ${TIMING_SUITE.spansPerTest} spans in ${TIMING_SUITE.files} files, median of ${ROUNDS} alternating runs`,
  )
  const times = await timeVariants()
  const noOp = times.get('no-op') as VariantTimes
  const plugin = times.get('plugin') as VariantTimes
  const ratio = median(plugin.wallMs) / median(noOp.wallMs)
  const pairs = plugin.wallMs.map((ms, round) => ms / (noOp.wallMs[round] as number))
  const scoring = times.get('plugin-scores') as VariantTimes
  const scoreRatio = median(scoring.wallMs) / median(plugin.wallMs)
  const scorePairs = scoring.wallMs.map((ms, round) => ms / (plugin.wallMs[round] as number))
  const complete = [...plugin.rows, ...scoring.rows].every((rows) => rows === tests)
  console.log(
    `  no plugin, no-op handler          ${median(noOp.wallMs).toFixed(0).padStart(6)} ms`,
  )
  console.log(
    `  plugin, default mode (offline)    ${median(plugin.wallMs).toFixed(0).padStart(6)} ms   ratio ${ratio.toFixed(3)} (pair by pair ${pairs.map((each) => each.toFixed(2)).join(' ')}; target ≤ 1.10) ${verdict(ratio <= 1.1)}`,
  )
  console.log(
    `  plugin, 10 scores per test        ${median(scoring.wallMs).toFixed(0).padStart(6)} ms   ratio to the plugin without scores ${scoreRatio.toFixed(3)} (pair by pair ${scorePairs.map((each) => each.toFixed(2)).join(' ')}; target ≤ 1.05) ${verdict(scoreRatio <= 1.05)}`,
  )
  console.log(
    `  offline run rows per run          ${[...plugin.rows, ...scoring.rows].join(', ')} (target ${tests} each) ${verdict(complete)}`,
  )

  const small = await runSuite(writeSuite('plugin', MEMORY_SMALL))
  const large = await runSuite(writeSuite('plugin', MEMORY_LARGE))
  const growth = (large.mainPeakRssBytes - small.mainPeakRssBytes) / MB
  console.log(`Reporter memory (main Vitest process peak RSS, W&B offline + session file):`)
  console.log(
    `  50 tests × 100 spans          ${(small.mainPeakRssBytes / MB).toFixed(0).padStart(6)} MB`,
  )
  console.log(
    `  5,000 tests × 100 spans       ${(large.mainPeakRssBytes / MB).toFixed(0).padStart(6)} MB   growth ${growth.toFixed(0)} MB (target ≤ 100 MB) ${verdict(growth <= 100)}`,
  )
}

await main()
