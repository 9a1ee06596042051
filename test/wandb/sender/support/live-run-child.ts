// A live run in its own process, to be killed while it sends: argv[2] holds its settings as JSON.
// It logs 450 rows as tests would, and says `sent <rows>` each time W&B confirms more of them.
import { setImmediate as nextTurn } from 'node:timers/promises'
import { readSyncProgress } from '../../../../src/wandb/sender/send-progress.js'
import type { WandbSettings } from '../../../../src/wandb/settings.js'
import { WandbRun } from '../../../../src/wandb/wandb-run.js'
import { runOptions } from '../../run-fixtures.js'

const settings = JSON.parse(process.argv[2] ?? '{}') as WandbSettings
const run = new WandbRun(runOptions(settings))
process.stdout.write(`dir ${run.dir}\n`)
for (let step = 0; step < 450; step += 1) {
  run.log({ 'test/name': `answers question ${step}`, 'test/passed': true })
  await nextTurn()
}
let told = 0
setInterval(() => {
  const rows = readSyncProgress(run.dir)?.rows ?? 0
  if (rows > told) process.stdout.write(`sent ${rows}\n`)
  told = rows
}, 20)
