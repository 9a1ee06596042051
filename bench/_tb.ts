import { measureTreeBuild } from './tree-build.js'
const a = measureTreeBuild(10_000, 3, 7)
console.log(a.medianMs.toFixed(1), a.samplesMs.map((x) => x.toFixed(1)).join(' '))
const b = measureTreeBuild(100_000, 1, 5)
console.log(
  b.medianMs.toFixed(1),
  b.samplesMs.map((x) => x.toFixed(1)).join(' '),
  'ratio',
  (b.medianMs / a.medianMs).toFixed(2),
)
