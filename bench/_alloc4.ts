import { getHeapStatistics } from 'node:v8'
import { CallbackManager, WandbCallbackHandler } from '../src/index.js'
import { recordQuery } from './mixed-trace.js'
const used = () => getHeapStatistics().used_heap_size
for (let r = 0; r < 12; r++) {
  const handler = new WandbCallbackHandler({ keptTraces: 1 })
  const cm = new CallbackManager([handler])
  cm.startTrace('bench')
  const a = used()
  for (let q = 0; q < 100; q++) recordQuery(cm, q)
  const b = used()
  cm.endTrace()
  const c = used()
  const json = JSON.stringify(handler.traces[0]!.rootSpan)
  const d = used()
  if (r > 8)
    console.log(
      'record',
      ((b - a) / 1000).toFixed(0),
      'build',
      ((c - b) / 1000).toFixed(0),
      'json',
      ((d - c) / 1000).toFixed(0),
      'bytes/span',
      json.length / 1000,
    )
}
