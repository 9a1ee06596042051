import { getHeapStatistics } from 'node:v8'
import { CallbackManager } from '../src/index.js'
import type { CallbackHandler } from '../src/callbacks/callback-handler.js'
import { shapeSpan } from '../src/trace/shape/shape-span.js'
import { DEFAULT_PAYLOAD_LIMITS } from '../src/trace/limits.js'
import { recordQuery } from './mixed-trace.js'
const starts = new Map<string, { type: string; start: any; end: any }>()
const pairs: { type: string; start: any; end: any }[] = []
const h: CallbackHandler = {
  eventStartsToIgnore: [], eventEndsToIgnore: [],
  onEventStart(type, payload, id) { const p = { type, start: payload, end: undefined }; starts.set(id!, p); pairs.push(p); return id! },
  onEventEnd(_t, payload, id) { starts.get(id!)!.end = payload },
  startTrace() {}, endTrace() {},
}
const cm = new CallbackManager([h])
cm.startTrace('x'); for (let q = 0; q < 2000; q++) recordQuery(cm, q); cm.endTrace()
const ctx = { limits: DEFAULT_PAYLOAD_LIMITS, tokenizer: (t: string) => t.split(' ') }
const used = () => getHeapStatistics().used_heap_size
for (let w = 0; w < 3; w++) for (const p of pairs) shapeSpan(p.type, p, ctx)
const byType = new Map<string, number[]>()
for (const p of pairs.slice(0, 3000)) {
  const a = used(); shapeSpan(p.type, p, ctx); const b = used()
  const l = byType.get(p.type) ?? []; l.push(b - a); byType.set(p.type, l)
}
for (const [t, l] of byType) console.log(t.padEnd(14), (l.reduce((x, y) => x + y, 0) / l.length).toFixed(0), 'bytes')
const base: number[] = []
for (let i = 0; i < 1000; i++) { const a = used(); const b = used(); base.push(b - a) }
console.log('baseline', (base.reduce((x, y) => x + y, 0) / base.length).toFixed(0))
