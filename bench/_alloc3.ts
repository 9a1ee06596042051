import { getHeapStatistics } from 'node:v8'
import type { CBEvent } from '../src/events/cb-event.js'
import { pairEvents } from '../src/trace/pair-events.js'
import { parentsFromTraceMap } from '../src/trace/trace-map.js'
import { resolveParents } from '../src/trace/resolve-parents.js'
import { shapeSpan } from '../src/trace/shape/shape-span.js'
import { DEFAULT_PAYLOAD_LIMITS } from '../src/trace/limits.js'
import { spanStatus } from '../src/trace/span-status.js'
const used = () => getHeapStatistics().used_heap_size
const types = ['query', 'retrieve', 'synthesize', 'function_call', 'templating']
const S = { query_str: 'q' },
  E = { response: 'r' }
function makeEvents(): { events: CBEvent[]; map: Map<string, string[]> } {
  const events: CBEvent[] = []
  const map = new Map<string, string[]>([['root', []]])
  for (let i = 0; i < 50; i++) {
    const id = `${Math.random()}`.slice(0, 12) + i
    events.push({
      type: types[i % 5]!,
      phase: 'start',
      id,
      parentId: undefined,
      payload: S,
      timeMs: 1,
    })
    events.push({
      type: types[i % 5]!,
      phase: 'end',
      id,
      parentId: undefined,
      payload: E,
      timeMs: 2,
    })
    map.get('root')!.push(id)
  }
  return { events, map }
}
const ctx = { limits: DEFAULT_PAYLOAD_LIMITS, tokenizer: (t: string) => t.split(' ') }
const steps: Record<string, (x: ReturnType<typeof makeEvents>) => unknown> = {
  pair: (x) => pairEvents(x.events),
  mapParents: (x) => parentsFromTraceMap(x.map),
  resolve: (x) => resolveParents(pairEvents(x.events), parentsFromTraceMap(x.map), 100),
  shape: (x) =>
    pairEvents(x.events).pairs.map((p) =>
      shapeSpan(p.start.type, { start: p.start.payload, end: p.end?.payload }, ctx),
    ),
  status: (x) => pairEvents(x.events).pairs.map((p) => spanStatus(p, false)),
}
for (const [name, fn] of Object.entries(steps)) {
  const inputs = Array.from({ length: 200 }, makeEvents)
  for (let w = 0; w < 2000; w++) fn(inputs[w % 200]!)
  let total = 0,
    n = 0
  for (const x of inputs.slice(0, 50)) {
    const a = used()
    fn(x)
    const b = used()
    if (b >= a) {
      total += b - a
      n++
    }
  }
  console.log(name.padEnd(12), (total / n / 50).toFixed(0), 'bytes/pair')
}
