import { handlerPairsCase } from './handler-pairs.js'
const c = handlerPairsCase(100, 50)
for (let i = 0; i < 100; i++) c.run()
console.log('MARK')
for (let i = 0; i < 100; i++) c.run()
console.log('END', 100 * c.ops)
