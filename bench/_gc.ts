import { handlerPairsCase } from './handler-pairs.js'
const kept = Number(process.argv[2] ?? 100)
const c = handlerPairsCase(kept, 50)
const runs = Math.round(20000 / kept)
for (let i = 0; i < runs / 4; i++) c.run()
const t = performance.now()
for (let i = 0; i < runs; i++) c.run()
console.log(kept, ((performance.now() - t) * 1000) / (runs * c.ops))
