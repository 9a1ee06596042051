import type { ResolvedConfig } from 'vitest/node'
import type { ResolvedPluginOptions } from './plugin-options.js'

/**
 * The options one session runs with. In watch mode every save starts a session: unless asked to
 * (`wandbInWatchMode`), those sessions stay off W&B, so a morning of saves is not a hundred runs.
 */
export function sessionOptions(
  options: ResolvedPluginOptions,
  config: ResolvedConfig,
): ResolvedPluginOptions {
  return leavesWandbOut(options, config) ? { ...options, mode: 'disabled' } : options
}

/** What to say, once, when watch mode starts without W&B: that it does, and how to have it. */
export function watchModeNotice(
  options: ResolvedPluginOptions,
  config: ResolvedConfig,
): string | undefined {
  if (!leavesWandbOut(options, config)) return undefined
  return 'vitest-wandb: watch mode logs nothing to W&B (every rerun would be a run of its own); to log each run, set wandb({ wandbInWatchMode: true }).'
}

function leavesWandbOut(options: ResolvedPluginOptions, config: ResolvedConfig): boolean {
  return config.watch && !options.wandbInWatchMode && options.mode !== 'disabled'
}
