import { handlerPairsCase } from './handler-pairs.js'
const c = handlerPairsCase(1000, 50)
globalThis.gc?.()
const before = process.memoryUsage().heapUsed
c.run()
globalThis.gc?.()
console.log('bytes retained per span', (process.memoryUsage().heapUsed - before) / 50000)
