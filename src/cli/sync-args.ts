import { DEFAULT_TIMEOUT_MS } from '../wandb/settings.js'

export type SyncArgs =
  | { readonly ok: true; readonly dirs: readonly string[]; readonly timeoutMs: number }
  | { readonly ok: false; readonly problem: string }

/** An hour: past it a wait is no longer a timeout, and timers past ~24 days misfire. */
export const MAX_TIMEOUT_MS = 3_600_000

/** `sync`'s arguments: folders, and `--timeout <ms>` (or `--timeout=<ms>`); `--` ends the options. */
export function parseSyncArgs(args: readonly string[]): SyncArgs {
  const dirs: string[] = []
  let timeoutMs = DEFAULT_TIMEOUT_MS
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? ''
    if (arg === '--') {
      dirs.push(...args.slice(index + 1))
      break
    }
    if (arg === '--timeout' || arg.startsWith('--timeout=')) {
      const value = arg === '--timeout' ? args[(index += 1)] : arg.slice('--timeout='.length)
      const parsed = parseTimeoutMs(value)
      if (!parsed.ok) return parsed
      timeoutMs = parsed.timeoutMs
    } else if (arg.startsWith('-') && arg !== '-') {
      return { ok: false, problem: `unknown option "${arg}".` }
    } else dirs.push(arg)
  }
  if (dirs.length === 0) {
    return {
      ok: false,
      problem:
        'sync needs at least one folder: an offline run, e.g. `vitest-wandb sync wandb/offline-run-20260101_120000-abc123`, or the wandb/ folder that holds them.',
    }
  }
  return { ok: true, dirs, timeoutMs }
}

function parseTimeoutMs(
  value: string | undefined,
): { ok: true; timeoutMs: number } | { ok: false; problem: string } {
  const timeoutMs = Number(value)
  if (value !== undefined && /^\d+$/.test(value) && timeoutMs >= 1 && timeoutMs <= MAX_TIMEOUT_MS)
    return { ok: true, timeoutMs }
  const got = value === undefined ? 'nothing was given' : `"${value}" is not one`
  return {
    ok: false,
    problem: `--timeout takes a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, e.g. --timeout 60000; ${got}.`,
  }
}
