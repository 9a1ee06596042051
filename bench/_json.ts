import { CallbackManager, WandbCallbackHandler } from '../src/index.js'
import { recordQuery } from './mixed-trace.js'
const handler = new WandbCallbackHandler({ keptTraces: 1 })
const cm = new CallbackManager([handler])
cm.startTrace('bench')
for (let q = 0; q < 1000; q++) recordQuery(cm, q)
let t = performance.now()
cm.endTrace()
console.log('build ms', (performance.now() - t).toFixed(1))
const root = handler.traces[0]!.rootSpan
for (let i = 0; i < 5; i++) {
  t = performance.now()
  const s = JSON.stringify(root)
  console.log('stringify ms', (performance.now() - t).toFixed(1), 'bytes', s.length)
}
const copy = JSON.parse(JSON.stringify(root))
t = performance.now()
JSON.stringify(copy)
console.log('stringify of parsed copy ms', (performance.now() - t).toFixed(1))
