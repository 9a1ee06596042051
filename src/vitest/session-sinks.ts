import { SessionFileSink } from '../session/session-file-sink.js'
import type { SessionSink } from '../session/session-sink.js'
import { WandbSessionSink } from '../wandb/wandb-session-sink.js'
import type { ResolvedPluginOptions } from './plugin-options.js'

export interface SinkContext {
  /** Prints a line in the run's output. */
  readonly log: (line: string) => void
}

/** The sinks a session writes to, as the options ask: the local session file, and W&B unless disabled. */
export function createSessionSinks(
  options: ResolvedPluginOptions,
  context: SinkContext,
): SessionSink[] {
  const sinks: SessionSink[] = []
  if (options.sessionFile) sinks.push(new SessionFileSink(options.keepSessionFiles))
  if (options.mode !== 'disabled') {
    sinks.push(
      new WandbSessionSink(options, {
        log: context.log,
        env: process.env,
        timeoutMs: options.timeoutMs,
      }),
    )
  }
  return sinks
}
