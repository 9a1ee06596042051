import { measureAdapterOverhead } from './adapter-overhead.js'

// One measurement in a process of its own; the runner reads this line.
process.stdout.write(`${JSON.stringify(await measureAdapterOverhead())}\n`)
