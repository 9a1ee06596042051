import { provideRunSink } from '../handler.js'
import { WandbTraceSink } from './wandb-trace-sink.js'

provideRunSink((runArgs) => new WandbTraceSink(runArgs))
