import { quantile } from '../measure.js'
import { runSuite } from './run-suite.js'
import { installPackage, writeSuite } from './suite-project.js'
import type { SuiteShape, SuiteVariant } from './suite-project.js'

const ROUNDS = 5
const TIMING_SUITE: SuiteShape = { files: 10, testsPerFile: 20, spansPerTest: 40 }
const MEMORY_LARGE: SuiteShape = { files: 50, testsPerFile: 100, spansPerTest: 100 }
const MEMORY_SMALL: SuiteShape = { files: 1, testsPerFile: 50, spansPerTest: 100 }
const MB = 1024 * 1024

/** Median wall time of each variant over alternating runs, so drift in the machine hits all alike. */
async function timeVariants(variants: readonly SuiteVariant[]): Promise<Map<SuiteVariant, number>> {
  const dirs = new Map(variants.map((variant) => [variant, writeSuite(variant, TIMING_SUITE)]))
  const times = new Map<SuiteVariant, number[]>(variants.map((variant) => [variant, []]))
  for (const dir of dirs.values()) await runSuite(dir)
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const variant of variants)
      times.get(variant)?.push((await runSuite(dirs.get(variant) ?? '')).wallMs)
  }
  return new Map(variants.map((variant) => [variant, quantile(times.get(variant) ?? [], 0.5)]))
}

function verdict(ok: boolean): string {
  return ok ? 'PASS' : 'FAIL'
}

async function main(): Promise<void> {
  installPackage()
  console.log(
    `Vitest harness: ${TIMING_SUITE.files * TIMING_SUITE.testsPerFile} tests × ${TIMING_SUITE.spansPerTest} spans, median of ${ROUNDS} alternating runs`,
  )
  const medians = await timeVariants(['no-op', 'plugin', 'plugin-offline'])
  const noOp = medians.get('no-op') ?? NaN
  const plugin = medians.get('plugin') ?? NaN
  const offline = medians.get('plugin-offline') ?? NaN
  console.log(`  no plugin, no-op handler      ${noOp.toFixed(0).padStart(6)} ms`)
  console.log(
    `  plugin, session file          ${plugin.toFixed(0).padStart(6)} ms   ratio ${(plugin / noOp).toFixed(3)} (target ≤ 1.10) ${verdict(plugin / noOp <= 1.1)}`,
  )
  console.log(
    `  plugin, session file + W&B offline run ${offline.toFixed(0).padStart(6)} ms   +${((offline / plugin - 1) * 100).toFixed(1)}% over the plugin alone (target ≤ 5%) ${verdict(offline / plugin <= 1.05)}`,
  )

  const small = await runSuite(writeSuite('plugin-offline', MEMORY_SMALL))
  const large = await runSuite(writeSuite('plugin-offline', MEMORY_LARGE))
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
