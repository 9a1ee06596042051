import { newEventId } from '/work/main/src/callbacks/event-id.js'
const re = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const seen = new Set<string>()
for (let i = 0; i < 200000; i++) {
  const id = newEventId()
  if (!re.test(id) || seen.has(id)) throw new Error(id)
  seen.add(id)
}
const t = performance.now()
let x = ''
for (let i = 0; i < 2e6; i++) x = newEventId()
console.log('ok', (((performance.now() - t) * 1e6) / 2e6).toFixed(0), 'ns', x)
import { randomUUID } from 'node:crypto'
const t2 = performance.now()
for (let i = 0; i < 2e6; i++) x = randomUUID().toLowerCase()
console.log('lower', (((performance.now() - t2) * 1e6) / 2e6).toFixed(0), 'ns', x)
