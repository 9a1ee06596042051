import { availableParallelism, loadavg } from 'node:os'
import { collectGarbage, median } from '../measure.js'
import { fixed, table, verdict } from '../report.js'
import { gptTokenizerArm, jsTiktokenArm, oursArm } from './arms.js'
import type { CountingArm } from './arms.js'
import { prose } from './prose.js'
import { agreedCount, timeCount } from './timing.js'
import type { Timed } from './timing.js'

const PIECE_CHARS = 10_000
// A new letter per round, so no cache has seen the text; js-tiktoken takes seconds a round.
const PIECE_LETTERS = 'abcdefghi'
const PIECE_JS_TIKTOKEN_ROUNDS = 3
const MIN_SPEEDUP_OVER_JS_TIKTOKEN = 100
const MIN_SPEEDUP_OVER_GPT_TOKENIZER = 5
const HUGE_CHARS = 5_000_000
const HUGE_RUNS = 3
const MAX_HUGE_MS = 5_000
const PROSE_CHARS = 100_000
const PROSE_ROUNDS = { warmupRounds: 2, rounds: 9 }
const MAX_PROSE_RATIO = 1

function loadAverage(): string {
  return loadavg()
    .map((load) => fixed(load, 2))
    .join(' ')
}

function ms(value: number): string {
  return fixed(value, value < 10 ? 2 : 0)
}

/** Each arm counts `text` in turn, the order rotating with `round`; undefined for arms left out. */
function roundOf(arms: readonly CountingArm[], text: string, round: number): (Timed | undefined)[] {
  const timed: (Timed | undefined)[] = arms.map(() => undefined)
  for (let step = 0; step < arms.length; step += 1) {
    const at = (round + step) % arms.length
    timed[at] = timeCount(arms[at] as CountingArm, text)
  }
  agreedCount(
    `round ${round}`,
    timed.filter((each) => each !== undefined),
  )
  return timed
}

function onePiece(): boolean[] {
  roundOf([oursArm, gptTokenizerArm], 'z'.repeat(PIECE_CHARS), 0)
  const rounds = [...PIECE_LETTERS].map((letter, round) => {
    const arms = [oursArm, gptTokenizerArm]
    if (round < PIECE_JS_TIKTOKEN_ROUNDS) arms.push(jsTiktokenArm)
    return roundOf(arms, letter.repeat(PIECE_CHARS), round)
  })
  const timesOf = (at: number) => rounds.flatMap((round) => round[at]?.ms ?? [])
  const ratiosOf = (at: number) =>
    rounds.flatMap((round) => (round[at] ? [round[at].ms / (round[0]?.ms ?? Number.NaN)] : []))
  console.log(
    `\n2. One piece, a run of ${PIECE_CHARS.toLocaleString('en-US')} letters (ms per count;` +
      ` ${PIECE_LETTERS.length} rounds after a warm-up, a new letter each, the arms in turn;` +
      ` js-tiktoken in the first ${PIECE_JS_TIKTOKEN_ROUNDS})`,
  )
  const arms = [oursArm, gptTokenizerArm, jsTiktokenArm]
  console.log(
    table(
      ['arm', 'median', 'min–max', 'runs'],
      arms.map((arm, at) => {
        const times = timesOf(at)
        const range = `${ms(Math.min(...times))}–${ms(Math.max(...times))}`
        return [arm.name, ms(median(times)), range, String(times.length)]
      }),
    ),
  )
  const overJs = median(ratiosOf(2))
  const overGpt = median(ratiosOf(1))
  const passed = [overJs >= MIN_SPEEDUP_OVER_JS_TIKTOKEN, overGpt >= MIN_SPEEDUP_OVER_GPT_TOKENIZER]
  console.log(
    `  js-tiktoken / ours = ${fixed(overJs, 0)}x (median of per-round ratios)` +
      `   target ≥ ${MIN_SPEEDUP_OVER_JS_TIKTOKEN}x   ${verdict(passed[0] as boolean)}`,
  )
  console.log(
    `  gpt-tokenizer / ours = ${fixed(overGpt, 1)}x (median of per-round ratios)` +
      `   target ≥ ${MIN_SPEEDUP_OVER_GPT_TOKENIZER}x   ${verdict(passed[1] as boolean)}`,
  )
  const jsTiktokenDays = (median(timesOf(2)) * (HUGE_CHARS / PIECE_CHARS) ** 2) / 86_400_000
  console.log(
    `  js-tiktoken (before) at this quadratic rate: about ${fixed(jsTiktokenDays, 0)} days` +
      ` for the ${HUGE_CHARS.toLocaleString('en-US')} letters of benchmark 1`,
  )
  return passed
}

/** Ours alone, first, so the peak RSS it reaches is its own: the others are quadratic. */
function hugePiece(): boolean {
  const text = 'x'.repeat(HUGE_CHARS)
  collectGarbage()
  const rssBeforeBytes = process.memoryUsage().rss
  const first = timeCount(oursArm, text)
  const peakAboveMb = (process.resourceUsage().maxRSS * 1024 - rssBeforeBytes) / 2 ** 20
  const runs = [first, ...Array.from({ length: HUGE_RUNS - 1 }, () => timeCount(oursArm, text))]
  const tokens = agreedCount('5,000,000 letters', runs)
  const oursMs = median(runs.map((each) => each.ms))
  console.log(
    `\n1. One piece of ${HUGE_CHARS.toLocaleString('en-US')} letters, ours alone` +
      ` (median of ${HUGE_RUNS} counts): ${ms(oursMs)} ms, ${tokens.toLocaleString('en-US')} tokens;` +
      ` peak RSS ${fixed(peakAboveMb, 0)} MB above the RSS before the first count`,
  )
  const passed = oursMs < MAX_HUGE_MS
  console.log(`  ours = ${ms(oursMs)} ms   target < ${MAX_HUGE_MS} ms   ${verdict(passed)}`)
  return passed
}

function proseText(): boolean {
  const arms = [oursArm, jsTiktokenArm, gptTokenizerArm]
  const total = PROSE_ROUNDS.warmupRounds + PROSE_ROUNDS.rounds
  // A new text every round, so ours never finds the whole text in its cache.
  const rounds = Array.from({ length: total }, (_, round) =>
    roundOf(arms, prose(PROSE_CHARS, round + 1), round),
  )
  const first = rounds[0] as Timed[]
  const measured = rounds.slice(PROSE_ROUNDS.warmupRounds) as Timed[][]
  const timesOf = (at: number) => measured.map((round) => (round[at] as Timed).ms)
  console.log(
    `\n3. English prose, about ${PROSE_CHARS.toLocaleString('en-US')} characters and` +
      ` ${first[0]?.tokens.toLocaleString('en-US')} tokens, a new text each round (ms per count;` +
      ` ${PROSE_ROUNDS.warmupRounds} warm-up + ${PROSE_ROUNDS.rounds} rounds, the arms in turn)`,
  )
  console.log(
    table(
      ['arm', 'median', 'min–max', 'first round'],
      arms.map((arm, at) => {
        const times = timesOf(at)
        const range = `${ms(Math.min(...times))}–${ms(Math.max(...times))}`
        return [arm.name, ms(median(times)), range, ms((first[at] as Timed).ms)]
      }),
    ),
  )
  const ratio = median(measured.map((round) => (round[0] as Timed).ms / (round[1] as Timed).ms))
  const passed = ratio <= MAX_PROSE_RATIO
  console.log(
    `  ours / js-tiktoken = ${fixed(ratio, 3)} (median of per-round ratios)` +
      `   target ≤ ${MAX_PROSE_RATIO}   ${verdict(passed)}`,
  )
  return passed
}

console.log(
  `vitest-wandb token counting benchmark, cl100k: node ${process.version},` +
    ` ${process.platform}-${process.arch}, ${availableParallelism()} CPUs,` +
    ` load average ${loadAverage()}`,
)
const passed = [hugePiece(), ...onePiece(), proseText()]
console.log(
  `\n${passed.filter(Boolean).length} of ${passed.length} targets met (load average ${loadAverage()}).`,
)
