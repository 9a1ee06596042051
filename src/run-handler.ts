import { WandbCallbackHandler as TraceHandler } from './handler.js'
import type { WandbCallbackHandlerOptions } from './handler.js'
import { WandbTraceSink } from './sinks/wandb-trace-sink.js'

/** The handler of the package's main entry: with `runArgs`, it logs each finished trace to a W&B run. */
export class WandbCallbackHandler extends TraceHandler {
  constructor(options: WandbCallbackHandlerOptions = {}) {
    super(options, (runArgs) => new WandbTraceSink(runArgs))
  }
}
