import { CallbackManager, WandbCallbackHandler } from '../src/index.js'
import { recordQuery } from './mixed-trace.js'
const handler = new WandbCallbackHandler({ keptTraces: 1 })
const cm = new CallbackManager([handler])
cm.startTrace('bench')
recordQuery(cm, 1)
cm.endTrace()
const root = handler.traces[0]!.rootSpan
const walk = (s: any, d: number) => {
  const own = JSON.stringify({ ...s, child_spans: null }).length
  console.log(' '.repeat(d * 2) + s.name, own)
  for (const c of s.child_spans ?? []) walk(c, d + 1)
}
walk(root, 0)
console.log(JSON.stringify(root).length)
console.log(JSON.stringify(root.child_spans![0]!.results, null, 1).slice(0, 3000))
