import { compareAlternating } from './measure.js'
import { handlerPairsCase } from './handler-pairs.js'
const r = await compareAlternating([handlerPairsCase(100, 50)], { warmupRounds: 10, rounds: 31 })
console.log('solo', r[0]!.medianUs.toFixed(3))
