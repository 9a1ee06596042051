/** One prefixed warning line on stderr: how tracing reports trouble without ever throwing into user code. */
export type WarningListener = (line: string) => void

const PREFIX = 'vitest-wandb:'
const MAX_REMEMBERED = 200

const writeToStderr: WarningListener = (line) => {
  process.stderr.write(`${line}\n`)
}

let listener: WarningListener = writeToStderr
const alreadySaid = new Set<string>()

/** Prints `message` once per process; repeats of the same message are dropped. */
export function warn(message: string): void {
  if (alreadySaid.has(message)) return
  if (alreadySaid.size < MAX_REMEMBERED) alreadySaid.add(message)
  try {
    listener(`${PREFIX} ${message}`)
  } catch {
    // A broken listener must not turn a warning into an exception in user code.
  }
}

/** Routes warnings elsewhere (tests, reporters); returns a function that restores the previous listener. */
export function onWarning(next: WarningListener): () => void {
  const previous = listener
  listener = next
  alreadySaid.clear()
  return () => {
    listener = previous
  }
}

/** A short, single-line description of anything thrown. */
export function describeError(error: unknown): string {
  try {
    if (error instanceof Error)
      return `${error.name}: ${error.message}`.split('\n')[0] ?? error.name
    return String(error).split('\n')[0] ?? ''
  } catch {
    return 'an unprintable error'
  }
}
