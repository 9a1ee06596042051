import { CallbackManager, WandbCallbackHandler } from '../src/index.js'
import { recordQuery } from './mixed-trace.js'
const cms: CallbackManager[] = []
for (let r = 0; r < 25; r++) {
  const handler = new WandbCallbackHandler({ keptTraces: 1 })
  const cm = new CallbackManager([handler])
  cm.startTrace('bench')
  for (let q = 0; q < 1000; q++) recordQuery(cm, q)
  cms.push(cm)
}
const t = performance.now()
for (const cm of cms) cm.endTrace()
console.log('avg build ms', ((performance.now() - t) / cms.length).toFixed(1))
