import { writeHeapSnapshot } from 'node:v8'
import { handlerPairsCase } from './handler-pairs.js'
const c = handlerPairsCase(1000, 50)
c.run()
globalThis.gc?.()
console.log(writeHeapSnapshot('/tmp/h.heapsnapshot'))
