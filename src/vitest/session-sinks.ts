import type { SessionSink } from '../session/session-sink.js'
import type { ResolvedPluginOptions } from './plugin-options.js'

export interface SinkContext {
  /** Prints a line in the run's output. */
  readonly log: (line: string) => void
}

/**
 * The sinks a session writes to, as the options ask: the local session file, and W&B unless
 * disabled. Their code loads when the session starts, not with the Vitest config: loading the W&B
 * client there would hold back the first test file.
 */
export async function createSessionSinks(
  options: ResolvedPluginOptions,
  context: SinkContext,
): Promise<SessionSink[]> {
  const sinks: SessionSink[] = []
  if (options.sessionFile) {
    const { SessionFileSink } = await import('../session/session-file-sink.js')
    sinks.push(new SessionFileSink(options.keepSessionFiles))
  }
  if (options.mode !== 'disabled') {
    const { WandbSessionSink } = await import('../sinks/wandb-session-sink.js')
    sinks.push(new WandbSessionSink(options, { log: context.log, env: options.env }))
  }
  return sinks
}
