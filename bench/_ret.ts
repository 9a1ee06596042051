import { CallbackManager, WandbCallbackHandler } from '../src/index.js'
import { recordQuery } from './mixed-trace.js'
import { collectGarbage } from './measure.js'
const handler = new WandbCallbackHandler({ keptTraces: 1 })
const cm = new CallbackManager([handler])
cm.startTrace('bench')
for (let q = 0; q < 1000; q++) recordQuery(cm, q)
collectGarbage()
const a = process.memoryUsage().heapUsed
cm.endTrace()
collectGarbage()
const b = process.memoryUsage().heapUsed
console.log('retained bytes/span (tree minus events)', ((b - a) / 10000).toFixed(0))
