import { CallbackManager, WandbCallbackHandler } from '../src/index.js'
import { recordQuery } from './mixed-trace.js'
const handler = new WandbCallbackHandler({ keptTraces: 1 })
const cm = new CallbackManager([handler])
cm.startTrace('bench')
for (let q = 0; q < 1000; q++) recordQuery(cm, q)
cm.endTrace()
const root = handler.traces[0]!.rootSpan
const copy = JSON.parse(JSON.stringify(root))
const time = (x: unknown) => { let m = Infinity; for (let i = 0; i < 30; i++) { const t = performance.now(); JSON.stringify(x); m = Math.min(m, performance.now() - t) } return m.toFixed(1) }
console.log('ours', time(root), 'parsed copy', time(copy), 'ours', time(root), 'copy', time(copy))
