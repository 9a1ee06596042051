import { availableParallelism, loadavg } from 'node:os'
import { handlerPairsCase } from './handler-pairs.js'
import { compareAlternating, median, quantile } from './measure.js'
import type { CaseResult } from './measure.js'
import { otelSpanCase } from './otel-span.js'
import { fixed, table, verdict } from './report.js'
import { measureGrowth } from './tree-build.js'
import type { GrowthResult } from './tree-build.js'

const PAIRS_PER_ROUND = 5_000
const PAIRS_PER_TRACE = 50
const PAIR_ROUNDS = { warmupRounds: 10, rounds: 41 }
const MAX_PAIR_RATIO = 0.5
const MAX_SMALL_TREE_MS = 50
const MAX_GROWTH = 12
const SMALL_PER_ROUND = 5
const GROWTH_ROUNDS = { warmupRounds: 1, rounds: 9, smallPerRound: SMALL_PER_ROUND }

function caseRow(result: CaseResult): string[] {
  const { samplesUs } = result
  return [
    result.name,
    fixed(result.medianUs, 3),
    `${fixed(quantile(samplesUs, 0.25), 3)}–${fixed(quantile(samplesUs, 0.75), 3)}`,
  ]
}

async function eventPairs(): Promise<boolean> {
  console.log(
    `\n1. Event pair vs OpenTelemetry span (µs per pair/span; ${PAIRS_PER_ROUND.toLocaleString('en-US')} per round,` +
      ` ${PAIR_ROUNDS.warmupRounds} warm-up + ${PAIR_ROUNDS.rounds} rounds, alternating)`,
  )
  const [ours, otel] = (await compareAlternating(
    [handlerPairsCase(PAIRS_PER_ROUND, PAIRS_PER_TRACE), otelSpanCase(PAIRS_PER_ROUND)],
    PAIR_ROUNDS,
  )) as [CaseResult, CaseResult]
  console.log(table(['case', 'median', 'p25–p75'], [caseRow(ours), caseRow(otel)]))
  const ratio = ours.medianUs / otel.medianUs
  const pass = ratio <= MAX_PAIR_RATIO
  console.log(
    `  ratio ours/otel = ${fixed(ratio, 3)}   target ≤ ${MAX_PAIR_RATIO}   ${verdict(pass)}`,
  )
  return pass
}

function treeRow(spans: number, samplesMs: readonly number[], jsonChars?: number): string[] {
  return [
    spans.toLocaleString('en-US'),
    fixed(median(samplesMs), 1),
    `${fixed(Math.min(...samplesMs), 1)}–${fixed(Math.max(...samplesMs), 1)}`,
    String(samplesMs.length),
    jsonChars === undefined ? '' : fixed(jsonChars / 1e6, 1),
  ]
}

function growthRows(result: GrowthResult): string[][] {
  return [
    treeRow(result.smallSpans, result.smallSamplesMs),
    treeRow(result.largeSpans, result.largeSamplesMs, result.largeJsonChars),
  ]
}

/** The median of the per-round ratios, and the ratio of the two medians beside it. */
function growthOf(result: GrowthResult): { paired: number; ofMedians: number } {
  return {
    paired: median(result.roundRatios),
    ofMedians: median(result.largeSamplesMs) / median(result.smallSamplesMs),
  }
}

/** Collector time inside the samples, and how the time outside the collector grows. */
function collectorLine(label: string, result: GrowthResult): string {
  const outside = (samples: readonly number[], collector: readonly number[]): number[] =>
    samples.map((elapsed, index) => elapsed - (collector[index] as number))
  const share = (collector: readonly number[], samples: readonly number[]): string =>
    `${fixed(median(collector), 1)} ms (${fixed((100 * median(collector)) / median(samples), 0)}%)`
  const growth =
    median(outside(result.largeSamplesMs, result.largeCollectorMs)) /
    median(outside(result.smallSamplesMs, result.smallCollectorMs))
  return (
    `  ${label}: garbage collector inside the timed section, median ${result.smallSpans.toLocaleString('en-US')} spans` +
    ` ${share(result.smallCollectorMs, result.smallSamplesMs)}, ${result.largeSpans.toLocaleString('en-US')} spans` +
    ` ${share(result.largeCollectorMs, result.largeSamplesMs)}; the time outside it grows ${fixed(growth, 2)}x`
  )
}

// The issue counts events: a start or an end. A 10,000-event trace is 5,000 spans; the same
// check over 10,000 and 100,000 spans (twice the events) is printed beside it.
function treeBuild(): boolean[] {
  console.log(
    '\n2. Trace tree: endTrace to the root span JSON string (ms; mixed RAG shape;' +
      ` rounds of ${SMALL_PER_ROUND} small + 1 large, alternating which goes first)`,
  )
  const events = measureGrowth({ smallSpans: 5_000, largeSpans: 50_000, ...GROWTH_ROUNDS })
  const spans = measureGrowth({ smallSpans: 10_000, largeSpans: 100_000, ...GROWTH_ROUNDS })
  console.log(
    table(
      ['spans', 'median', 'min–max', 'runs', 'JSON MB'],
      [...growthRows(events), ...growthRows(spans)],
    ),
  )
  const smallMs = median(events.smallSamplesMs)
  const smallPass = smallMs < MAX_SMALL_TREE_MS
  const growth = growthOf(events)
  const growthPass = growth.paired < MAX_GROWTH
  console.log(
    `  10,000 events (5,000 spans) = ${fixed(smallMs, 1)} ms   target < ${MAX_SMALL_TREE_MS} ms   ${verdict(smallPass)}`,
  )
  console.log(
    `  100,000 / 10,000 events = ${fixed(growth.paired, 2)}x (median of per-round ratios;` +
      ` ratio of medians ${fixed(growth.ofMedians, 2)}x)   target < ${MAX_GROWTH}x   ${verdict(growthPass)}`,
  )
  const spanSmallMs = median(spans.smallSamplesMs)
  const spanGrowth = growthOf(spans)
  console.log(
    `  counting spans instead: 10,000 spans = ${fixed(spanSmallMs, 1)} ms` +
      ` (${verdict(spanSmallMs < MAX_SMALL_TREE_MS)}), 100,000 / 10,000 spans =` +
      ` ${fixed(spanGrowth.paired, 2)}x, ratio of medians ${fixed(spanGrowth.ofMedians, 2)}x` +
      ` (${verdict(spanGrowth.paired < MAX_GROWTH)})`,
  )
  console.log(collectorLine('events', events))
  console.log(collectorLine('spans', spans))
  return [smallPass, growthPass]
}

function loadAverage(): string {
  return loadavg()
    .map((load) => fixed(load, 2))
    .join(' ')
}

console.log(
  `vitest-wandb core benchmark: node ${process.version}, ${process.platform}-${process.arch},` +
    ` ${availableParallelism()} CPUs, load average ${loadAverage()}`,
)
const passed = [await eventPairs(), ...treeBuild()]
console.log(
  `\n${passed.filter(Boolean).length} of ${passed.length} targets met (load average ${loadAverage()}).`,
)
