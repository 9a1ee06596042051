import { CallbackManager, WandbCallbackHandler } from '../src/index.js'
import { recordQuery } from './mixed-trace.js'
import { collectGarbage } from './measure.js'
for (let r = 0; r < 8; r++) {
  const handler = new WandbCallbackHandler({ keptTraces: 1 })
  const cm = new CallbackManager([handler])
  cm.startTrace('bench')
  for (let q = 0; q < Number(process.env.Q ?? 1000); q++) recordQuery(cm, q)
  collectGarbage()
  console.log('--- build start', r)
  const t0 = performance.now()
  cm.endTrace()
  console.log('--- build end', (performance.now() - t0).toFixed(1))
}
