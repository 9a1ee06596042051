import { readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { displayPath } from '../display-path.js'
import { describeError, warn } from '../warnings.js'

// As the session file sink names them; a file named otherwise is never ours to delete.
const SESSION_FILE_NAME = /^session-\d{8}-\d{6}-[\da-f]+\.jsonl$/

/**
 * Deletes all but the newest `keep` session files in `dir`, `current` always among those kept;
 * any other file is left alone. Trouble is one warning: old files are not worth failing a session.
 */
export function pruneSessionFiles(dir: string, keep: number, current: string): void {
  try {
    const others = readdirSync(dir).filter(
      (name) => SESSION_FILE_NAME.test(name) && name !== current,
    )
    for (const name of newestFirst(dir, others).slice(keep - 1)) {
      rmSync(join(dir, name), { force: true })
    }
  } catch (error) {
    warn(`could not delete old session files in ${displayPath(dir)}: ${describeError(error)}.`)
  }
}

// By last write, to the millisecond (reruns in watch mode come within a second); then by name,
// which begins with the session's start time.
function newestFirst(dir: string, names: string[]): string[] {
  const writtenMs = new Map(
    names.map((name) => [name, statSync(join(dir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0]),
  )
  return names.sort(
    (a, b) => (writtenMs.get(b) ?? 0) - (writtenMs.get(a) ?? 0) || b.localeCompare(a),
  )
}
