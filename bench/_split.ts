import { CallbackManager } from '../src/callbacks/callback-manager.js'
import { CBEventType } from '../src/events/event-type.js'
import { WandbCallbackHandler } from '../src/handler.js'
const S = { query_str: 'q' },
  E = { response: 'r' }
const handler = new WandbCallbackHandler({ keptTraces: 100 })
const cm = new CallbackManager([handler])
function group() {
  const q = cm.onEventStart(CBEventType.QUERY, S)
  const r = cm.onEventStart(CBEventType.RETRIEVE, S)
  cm.onEventEnd(CBEventType.RETRIEVE, E, r)
  const s = cm.onEventStart(CBEventType.SYNTHESIZE, S)
  const f = cm.onEventStart(CBEventType.FUNCTION_CALL, S)
  const t = cm.onEventStart(CBEventType.TEMPLATING, S)
  cm.onEventEnd(CBEventType.TEMPLATING, E, t)
  cm.onEventEnd(CBEventType.FUNCTION_CALL, E, f)
  cm.onEventEnd(CBEventType.SYNTHESIZE, E, s)
  cm.onEventEnd(CBEventType.QUERY, E, q)
}
for (let w = 0; w < 5000; w++) {
  cm.startTrace('t')
  for (let g = 0; g < 10; g++) group()
  cm.endTrace()
}
let rec = 0,
  end = 0
const N = 20000
for (let k = 0; k < N; k++) {
  const a = performance.now()
  cm.startTrace('t')
  for (let g = 0; g < 10; g++) group()
  const b = performance.now()
  cm.endTrace()
  const c = performance.now()
  rec += b - a
  end += c - b
}
console.log(
  'record µs/pair',
  ((rec * 1000) / N / 50).toFixed(3),
  'endTrace µs/pair',
  ((end * 1000) / N / 50).toFixed(3),
)
