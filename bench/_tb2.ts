import { CallbackManager, WandbCallbackHandler } from '../src/index.js'
import { collectGarbage, median } from './measure.js'
import { recordQuery } from './mixed-trace.js'
const spans = Number(process.argv[2] ?? 10000),
  runs = Number(process.argv[3] ?? 15)
const b: number[] = [],
  j: number[] = []
for (let r = 0; r < runs + 3; r++) {
  const handler = new WandbCallbackHandler({ keptTraces: 1 })
  const cm = new CallbackManager([handler])
  cm.startTrace('bench')
  for (let q = 0; q < spans / 10; q++) recordQuery(cm, q)
  collectGarbage()
  const t0 = performance.now()
  cm.endTrace()
  const t1 = performance.now()
  JSON.stringify(handler.traces[0]!.rootSpan)
  const t2 = performance.now()
  if (r >= 3) {
    b.push(t1 - t0)
    j.push(t2 - t1)
  }
}
console.log(
  spans,
  'build',
  median(b).toFixed(1),
  'json',
  median(j).toFixed(1),
  'total',
  (median(b) + median(j)).toFixed(1),
)
