import type { Plugin } from 'vitest/config'
import { fileURLToPath } from 'node:url'
import { resolvePluginOptions } from './plugin-options.js'
import type { WandbPluginOptions } from './plugin-options.js'
import { WandbReporter } from './reporter.js'
import type { Vitest } from 'vitest/node'
import { WORKER_OPTIONS_KEY } from './worker-options.js'

// The setup file sits beside this module: `.ts` when run from source, `.js` once built.
const SETUP_FILE = fileURLToPath(
  new URL(`./setup${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
)

/**
 * The plugin: `plugins: [wandb({ project: 'rag-evals' })]`. It gives every test a fresh handler (the
 * setup file) and adds the reporter next to the ones already configured, the default included.
 */
export function wandb(options: WandbPluginOptions = {}): Plugin {
  const resolved = resolvePluginOptions(options, process.env)
  const withReporter = new WeakSet<Vitest>()
  return {
    name: 'vitest-wandb',
    configureVitest({ vitest, project }) {
      if (!project.config.setupFiles.includes(SETUP_FILE))
        project.config.setupFiles.push(SETUP_FILE)
      project.provide(WORKER_OPTIONS_KEY, {
        ...(resolved.maxPayloadChars === undefined
          ? {}
          : { maxPayloadChars: resolved.maxPayloadChars }),
        ...(resolved.tokenizer === undefined ? {} : { tokenizer: resolved.tokenizer }),
        llamaindex: resolved.llamaindex,
      })
      if (withReporter.has(vitest)) return
      withReporter.add(vitest)
      vitest.config.reporters.push(new WandbReporter(options))
    },
  }
}
export type { WandbPluginOptions, WandbMode } from './plugin-options.js'
