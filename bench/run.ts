import { availableParallelism, loadavg } from 'node:os'
import { handlerPairsCase } from './handler-pairs.js'
import { compareAlternating, median, quantile } from './measure.js'
import type { BenchCase, CaseResult } from './measure.js'
import { otelRagSpansCase } from './otel-rag-spans.js'
import { otelSpanCase } from './otel-span.js'
import { ragHandlerPairsCase } from './rag-pairs.js'
import { fixed, table, verdict } from './report.js'
import { measureGrowth } from './tree-build.js'
import type { GrowthResult, Timings } from './tree-build.js'

const PAIRS_PER_ROUND = 5_000
const PAIRS_PER_TRACE = 50
const RAG_QUERIES_PER_TRACE = 5
const PAIR_ROUNDS = { warmupRounds: 10, rounds: 41 }
const MAX_PAIR_RATIO = 0.5
const MAX_SMALL_TREE_MS = 50
const MAX_GROWTH = 12
const SMALL_ALONE_PER_ROUND = 5
const GROWTH_ROUNDS = { warmupRounds: 1, rounds: 9, smallAlonePerRound: SMALL_ALONE_PER_ROUND }

function caseRow(result: CaseResult): string[] {
  const { samplesUs } = result
  return [
    result.name,
    fixed(result.medianUs, 3),
    `${fixed(quantile(samplesUs, 0.25), 3)}–${fixed(quantile(samplesUs, 0.75), 3)}`,
  ]
}

async function comparePairs(title: string, cases: [BenchCase, BenchCase]): Promise<boolean> {
  console.log(
    `\n${title} (µs per pair/span; ${PAIRS_PER_ROUND.toLocaleString('en-US')} per round,` +
      ` ${PAIR_ROUNDS.warmupRounds} warm-up + ${PAIR_ROUNDS.rounds} rounds, alternating)`,
  )
  const [ours, otel] = (await compareAlternating(cases, PAIR_ROUNDS)) as [CaseResult, CaseResult]
  console.log(table(['case', 'median', 'p25–p75'], [caseRow(ours), caseRow(otel)]))
  const ratio = ours.medianUs / otel.medianUs
  const pass = ratio <= MAX_PAIR_RATIO
  console.log(
    `  ratio ours/otel = ${fixed(ratio, 3)}   target ≤ ${MAX_PAIR_RATIO}   ${verdict(pass)}`,
  )
  return pass
}

function eventPairs(): Promise<boolean> {
  return comparePairs('1. Event pair vs OpenTelemetry span, small payloads', [
    handlerPairsCase(PAIRS_PER_ROUND, PAIRS_PER_TRACE),
    otelSpanCase(PAIRS_PER_ROUND),
  ])
}

function ragEventPairs(): Promise<boolean> {
  return comparePairs('1b. Event pair vs OpenTelemetry span, RAG payloads', [
    ragHandlerPairsCase(PAIRS_PER_ROUND, RAG_QUERIES_PER_TRACE),
    otelRagSpansCase(PAIRS_PER_ROUND),
  ])
}

function timingRow(spans: number, way: string, timings: Timings, jsonChars?: number): string[] {
  const { samplesMs, collectorMs } = timings
  return [
    spans.toLocaleString('en-US'),
    way,
    fixed(median(samplesMs), 1),
    `${fixed(Math.min(...samplesMs), 1)}–${fixed(Math.max(...samplesMs), 1)}`,
    String(samplesMs.length),
    `${fixed(median(collectorMs), 1)} (${fixed((100 * median(collectorMs)) / median(samplesMs), 0)}%)`,
    jsonChars === undefined ? '' : fixed(jsonChars / 1e6, 1),
  ]
}

function growthRows(result: GrowthResult): string[][] {
  return [
    timingRow(result.smallSpans, `${result.smallInTurnCount} in turn`, result.smallInTurn),
    timingRow(result.smallSpans, 'alone', result.smallAlone),
    timingRow(result.largeSpans, 'alone', result.large, result.largeJsonChars),
  ]
}

/** The median of the per-round ratios, with the ratio of the two medians beside it. */
function growthText(roundRatios: readonly number[], small: Timings, large: Timings): string {
  const ofMedians = median(large.samplesMs) / median(small.samplesMs)
  return `${fixed(median(roundRatios), 2)}x (median of per-round ratios; ratio of medians ${fixed(ofMedians, 2)}x)`
}

/** How the time outside the collector grows from a small trace timed alone to a large one. */
function outsideCollectorGrowth(result: GrowthResult): number {
  const outside = ({ samplesMs, collectorMs }: Timings): number =>
    median(samplesMs.map((elapsed, index) => elapsed - (collectorMs[index] as number)))
  return outside(result.large) / outside(result.smallAlone)
}

// The issue counts events: a start or an end. A 10,000-event trace is 5,000 spans; the same
// checks over 10,000 and 100,000 spans (twice the events) are printed beside them.
function treeBuild(): boolean[] {
  console.log(
    '\n2. Trace tree: endTrace to the root span JSON string (ms per trace; mixed RAG shape;' +
      ` ${GROWTH_ROUNDS.warmupRounds} warm-up + ${GROWTH_ROUNDS.rounds} rounds, the order of the three ways rotating)`,
  )
  const events = measureGrowth({ smallSpans: 5_000, largeSpans: 50_000, ...GROWTH_ROUNDS })
  const spans = measureGrowth({ smallSpans: 10_000, largeSpans: 100_000, ...GROWTH_ROUNDS })
  console.log(
    table(
      ['spans', 'timed', 'median', 'min–max', 'runs', 'collector ms', 'JSON MB'],
      [...growthRows(events), ...growthRows(spans)],
    ),
  )
  const smallMs = median(events.smallInTurn.samplesMs)
  const smallPass = smallMs < MAX_SMALL_TREE_MS
  const growthPass = median(events.roundRatios) < MAX_GROWTH
  console.log(
    `  10,000 events (5,000 spans) = ${fixed(smallMs, 1)} ms in turn, ${fixed(median(events.smallAlone.samplesMs), 1)} ms alone` +
      `   target < ${MAX_SMALL_TREE_MS} ms   ${verdict(smallPass)}`,
  )
  console.log(
    `  100,000 / 10,000 events = ${growthText(events.roundRatios, events.smallInTurn, events.large)}` +
      `   target < ${MAX_GROWTH}x   ${verdict(growthPass)}`,
  )
  const spanSmallMs = median(spans.smallInTurn.samplesMs)
  console.log(
    `  counting spans instead: 10,000 spans = ${fixed(spanSmallMs, 1)} ms in turn` +
      ` (${verdict(spanSmallMs < MAX_SMALL_TREE_MS)}),` +
      ` 100,000 / 10,000 spans = ${growthText(spans.roundRatios, spans.smallInTurn, spans.large)}` +
      ` (${verdict(median(spans.roundRatios) < MAX_GROWTH)})`,
  )
  for (const result of [events, spans]) {
    console.log(
      `  against ${result.smallSpans.toLocaleString('en-US')} spans alone:` +
        ` ${growthText(result.aloneRoundRatios, result.smallAlone, result.large)};` +
        ` outside the collector ${fixed(outsideCollectorGrowth(result), 2)}x`,
    )
  }
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
const passed = [await eventPairs(), await ragEventPairs(), ...treeBuild()]
console.log(
  `\n${passed.filter(Boolean).length} of ${passed.length} targets met (load average ${loadAverage()}).`,
)
