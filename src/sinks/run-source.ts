import type { WandbRun } from '../wandb/wandb-run.js'

/** A trace sink that logs into a W&B run and lets artifacts go to the same run. */
export interface RunSource {
  currentRun(): WandbRun | undefined
}

/** The run of the first sink that offers one. */
export function runOfSinks(sinks: readonly object[]): WandbRun | undefined {
  for (const sink of sinks) {
    const currentRun = (sink as Partial<RunSource>).currentRun
    if (typeof currentRun === 'function') {
      const run = currentRun.call(sink)
      if (run !== undefined) return run
    }
  }
  return undefined
}
