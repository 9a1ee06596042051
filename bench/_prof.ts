import { handlerPairsCase } from './handler-pairs.js'
const c = handlerPairsCase(5000, 50)
for (let i = 0; i < 300; i++) c.run()
