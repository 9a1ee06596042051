import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
console.log(typeof gc)
let a: unknown[] | undefined = Array.from({ length: 1e6 }, (_, i) => ({ i }))
console.log(process.memoryUsage().heapUsed >> 20)
a = undefined
gc()
console.log(process.memoryUsage().heapUsed >> 20, a)
