import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/** A piece of work timed as one unit; `ops` is how many measured operations one run performs. */
export interface BenchCase {
  readonly name: string
  readonly ops: number
  run(): void
}

export interface RoundsOptions {
  readonly warmupRounds: number
  readonly rounds: number
}

export interface CaseResult {
  readonly name: string
  /** Microseconds per operation, one sample per round. */
  readonly samplesUs: readonly number[]
  readonly medianUs: number
}

/** The `q` quantile of `values` (0.5 is the median), interpolated between neighbours. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const position = (sorted.length - 1) * q
  const below = sorted[Math.floor(position)] as number
  const above = sorted[Math.ceil(position)] as number
  return below + (above - below) * (position - Math.floor(position))
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5)
}

// The npm script runs plain `node`; exposing gc here keeps the command line as it is.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** A full collection, so one sample does not pay for the garbage the samples before it left. */
export function collectGarbage(): void {
  gc()
}

// Promise callbacks queued by a run (OTel exports spans asynchronously) are part of its cost.
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** Milliseconds one run of `work` takes, including the promise jobs it leaves queued. */
export async function timeMs(work: () => void): Promise<number> {
  const startedAt = performance.now()
  work()
  await settle()
  return performance.now() - startedAt
}

/**
 * Runs the cases in alternation, round after round, so drift in machine load hits every case alike;
 * the first case of a round rotates so that no case always runs right after another.
 */
export async function compareAlternating(
  cases: readonly BenchCase[],
  { warmupRounds, rounds }: RoundsOptions,
): Promise<CaseResult[]> {
  const samples = cases.map(() => [] as number[])
  for (let round = 0; round < warmupRounds + rounds; round += 1) {
    for (let step = 0; step < cases.length; step += 1) {
      const index = (round + step) % cases.length
      const benchCase = cases[index] as BenchCase
      const elapsedMs = await timeMs(() => benchCase.run())
      if (round >= warmupRounds) samples[index]?.push((elapsedMs * 1000) / benchCase.ops)
    }
  }
  return cases.map((benchCase, index) => {
    const samplesUs = samples[index] ?? []
    return { name: benchCase.name, samplesUs, medianUs: median(samplesUs) }
  })
}
