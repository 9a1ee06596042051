import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { median } from '../measure.js'
import { fixed, table, verdict } from '../report.js'
import type { AdapterOverhead } from './adapter-overhead.js'

// The plain time, and with it the ratio, moves more from one process to the next than within one:
// the verdict is the median over several fresh processes.
const PROCESSES = 5
const MAX_RATIO = 1.1

function measureInFreshProcess(): Promise<AdapterOverhead> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'measure-process.ts')],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.on('error', fail)
    child.on('close', (code) => {
      const last = stdout.trimEnd().split('\n').at(-1) ?? ''
      if (code === 0 && last.startsWith('{')) done(JSON.parse(last) as AdapterOverhead)
      else fail(new Error(`the adapter measurement exited ${code}:\n${stdout}`))
    })
  })
}

const runs: AdapterOverhead[] = []
for (let run = 0; run < PROCESSES; run += 1) runs.push(await measureInFreshProcess())

const first = runs[0] as AdapterOverhead
const ratiosOfArm = (at: number) => runs.map((run) => run.arms[at]?.ratio ?? Number.NaN)

console.log(
  `LlamaIndex.TS adapter: ${first.queries} in-process queries of the example pipeline per arm and round,` +
    ` in batches of ${first.batch} taking turns; median of ${first.rounds} rounds in each of` +
    ` ${PROCESSES} fresh processes, then the median over the processes`,
)
console.log(
  table(
    ['arm', 'ms', 'ratio', 'lowest', 'highest', 'spans'],
    first.arms.map((arm, at) => {
      const ratios = ratiosOfArm(at)
      return [
        arm.name,
        fixed(median(runs.map((run) => run.arms[at]?.medianMs ?? Number.NaN)), 0),
        fixed(median(ratios), 3),
        fixed(Math.min(...ratios), 3),
        fixed(Math.max(...ratios), 3),
        arm.spans === 0 ? '' : String(arm.spans),
      ]
    }),
  ),
)
const verdictRatios = ratiosOfArm(first.arms.length - 1)
const ratio = median(verdictRatios)
console.log(
  `  ratio with / without the adapter = ${fixed(ratio, 4)}` +
    ` (processes: ${verdictRatios.map((each) => fixed(each, 4)).join(', ')})` +
    `   target ≤ ${MAX_RATIO}   ${verdict(ratio <= MAX_RATIO)}`,
)
console.log(
  '  the rows between show where the time goes: LlamaIndex.TS dispatching its events to listeners,' +
    ' then the adapter mapping them, then the CallbackManager giving them ids, parents and traces,' +
    ' then the handler recording them and building the trees',
)
const tokenizerMs = median(runs.map((run) => run.firstBatchExtraMs))
console.log(
  `  once per process: the first traced batch took ${fixed(tokenizerMs, 0)} ms more than the first plain one (tokenizer build)`,
)
