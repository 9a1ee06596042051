import { otelSpanCase } from './otel-span.js'
import { timeMs } from './measure.js'
const per = Number(process.argv[2] ?? 5000)
const c = otelSpanCase(per)
const runs = Math.round(1_000_000 / per)
for (let i = 0; i < runs / 4; i++) await timeMs(() => c.run())
let total = 0
for (let i = 0; i < runs; i++) total += await timeMs(() => c.run())
console.log(per, (total * 1000) / (runs * c.ops))
