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

/** Each arm counts `text` in turn, the order rotating with `round`. */
function roundOf(arms: readonly CountingArm[], text: string, round: number): Timed[] {
  const timed: Timed[] = []
  for (let step = 0; step < arms.length; step += 1) {
    const at = (round + step) % arms.length
    timed[at] = timeCount(arms[at] as CountingArm, text)
  }
  agreedCount(`round ${round}`, timed)
  return timed
}

/** Rounds of ours, gpt-tokenizer and, in the first rounds only, js-tiktoken, in that order. */
function pieceRounds(): Timed[][] {
  roundOf([oursArm, gptTokenizerArm], 'z'.repeat(PIECE_CHARS), 0)
  return [...PIECE_LETTERS].map((letter, round) => {
    const arms = [oursArm, gptTokenizerArm]
    if (round < PIECE_JS_TIKTOKEN_ROUNDS) arms.push(jsTiktokenArm)
    return roundOf(arms, letter.repeat(PIECE_CHARS), round)
  })
}

function onePiece(): boolean[] {
  const rounds = pieceRounds()
  const timesOf = (at: number) => rounds.flatMap((round) => round[at]?.ms ?? [])
  const speedupOver = (at: number) =>
    median(rounds.flatMap((round) => (round[at] ? [round[at].ms / (round[0] as Timed).ms] : [])))
  console.log(
    `\n2. One piece, a run of ${PIECE_CHARS.toLocaleString('en-US')} letters (ms per count;` +
      ` ${PIECE_LETTERS.length} rounds after a warm-up, a new letter each, the arms in turn;` +
      ` js-tiktoken in the first ${PIECE_JS_TIKTOKEN_ROUNDS})`,
  )
  const arms = [oursArm, gptTokenizerArm, jsTiktokenArm]
  console.log(armTable(arms, timesOf, ['runs', (at) => String(timesOf(at).length)]))
  const passed = [
    speedupVerdict('js-tiktoken', speedupOver(2), MIN_SPEEDUP_OVER_JS_TIKTOKEN),
    speedupVerdict('gpt-tokenizer', speedupOver(1), MIN_SPEEDUP_OVER_GPT_TOKENIZER),
  ]
  const jsTiktokenDays = (median(timesOf(2)) * (HUGE_CHARS / PIECE_CHARS) ** 2) / 86_400_000
  console.log(
    `  js-tiktoken (before) at this quadratic rate: about ${fixed(jsTiktokenDays, 0)} days` +
      ` for the ${HUGE_CHARS.toLocaleString('en-US')} letters of benchmark 1`,
  )
  return passed
}

/** Each arm's median and range, and one more column: `last` names it and gives its cells. */
function armTable(
  arms: readonly CountingArm[],
  timesOf: (at: number) => number[],
  last: readonly [string, (at: number) => string],
): string {
  return table(
    ['arm', 'median', 'min–max', last[0]],
    arms.map((arm, at) => {
      const times = timesOf(at)
      const range = `${ms(Math.min(...times))}–${ms(Math.max(...times))}`
      return [arm.name, ms(median(times)), range, last[1](at)]
    }),
  )
}

function speedupVerdict(peer: string, speedup: number, target: number): boolean {
  const passed = speedup >= target
  console.log(
    `  ${peer} / ours = ${fixed(speedup, 1)}x (median of per-round ratios)` +
      `   target ≥ ${target}x   ${verdict(passed)}`,
  )
  return passed
}

/** Ours alone (the others are quadratic), first in the process. */
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
  console.log(armTable(arms, timesOf, ['first round', (at) => ms((first[at] as Timed).ms)]))
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
