import { CallbackManager, WandbCallbackHandler } from '../src/index.js'
import { recordQuery } from './mixed-trace.js'
import { collectGarbage } from './measure.js'
for (let r = 0; r < 40; r++) {
  const handler = new WandbCallbackHandler({ keptTraces: 1 })
  const cm = new CallbackManager([handler])
  cm.startTrace('bench')
  for (let q = 0; q < 1000; q++) recordQuery(cm, q)
  collectGarbage()
  cm.endTrace()
}
