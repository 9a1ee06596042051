import { getHeapStatistics } from 'node:v8'
import { CallbackManager } from '../src/callbacks/callback-manager.js'
import { CBEventType } from '../src/events/event-type.js'
import { WandbCallbackHandler } from '../src/handler.js'
const S = { query_str: 'q' },
  E = { response: 'r' }
const handler = new WandbCallbackHandler({ keptTraces: 10 })
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
const used = () => getHeapStatistics().used_heap_size
for (let w = 0; w < 3000; w++) {
  cm.startTrace('t')
  for (let g = 0; g < 10; g++) group()
  cm.endTrace()
}
let rec = 0,
  end = 0
for (let k = 0; k < 20; k++) {
  const a = used()
  cm.startTrace('t')
  for (let g = 0; g < 10; g++) group()
  const b = used()
  cm.endTrace()
  const c = used()
  if (b > a && c > b) {
    rec += b - a
    end += c - b
  } else k -= 0
}
console.log(
  'record bytes/pair',
  (rec / 20 / 50).toFixed(0),
  'endTrace bytes/pair',
  (end / 20 / 50).toFixed(0),
)
