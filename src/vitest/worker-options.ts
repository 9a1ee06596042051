import type { TokenizerEncoding } from '../trace/token-counter.js'

/** The options test workers need, handed over with Vitest's `provide`/`inject` (plain data only). */
export interface WorkerOptions {
  readonly maxPayloadChars?: number
  readonly tokenizer?: TokenizerEncoding
  readonly llamaindex?: boolean
}

export const WORKER_OPTIONS_KEY = 'vitest-wandb'

declare module 'vitest' {
  interface ProvidedContext {
    'vitest-wandb': WorkerOptions
  }
}
