import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import type { Stats } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { fileSystemReason } from '../file-system-reason.js'
import { LATEST_POINTER_NAME, SESSION_DIR_NAME, SESSION_RUN_FILE } from '../session/session-file.js'
import type { Result } from './result.js'

/** Where a W&B run folder keeps the session it logged, among its run files. */
export const RUN_SESSION_FILE = join('files', SESSION_RUN_FILE)

const RUN_FOLDER_NAME = /^(offline-)?run-/
const SESSION_FILE_NAME = /^session-.*\.jsonl$/

/**
 * The session file a local path stands for: the file itself; in a W&B run folder, its session run
 * file; in a folder of session files (or a project holding `.vitest-wandb/`), the one `latest`
 * names, else the newest by name.
 */
export function locateSessionFile(path: string): Result<string> {
  let stats: Stats
  try {
    stats = statSync(path)
  } catch (error) {
    return { ok: false, reason: `${path} cannot be read (${fileSystemReason(error)})` }
  }
  if (!stats.isDirectory()) return { ok: true, value: path }
  const inRun = join(path, RUN_SESSION_FILE)
  if (existsSync(inRun)) return { ok: true, value: inRun }
  if (RUN_FOLDER_NAME.test(basename(resolve(path))))
    return {
      ok: false,
      reason: `${path} is a W&B run folder without a session (${RUN_SESSION_FILE}): it was logged by a vitest-wandb that did not keep one`,
    }
  const projectSessions = join(path, SESSION_DIR_NAME)
  return newestSession(existsSync(projectSessions) ? projectSessions : path)
}

function newestSession(dir: string): Result<string> {
  const pointer = join(dir, LATEST_POINTER_NAME)
  try {
    if (existsSync(pointer)) return pointedSession(dir, readFileSync(pointer, 'utf8').trim())
    const names = readdirSync(dir).filter((name) => SESSION_FILE_NAME.test(name))
    const newest = names.sort().at(-1)
    if (newest !== undefined) return { ok: true, value: join(dir, newest) }
  } catch (error) {
    return { ok: false, reason: `${dir} cannot be read (${fileSystemReason(error)})` }
  }
  return {
    ok: false,
    reason: `${dir} holds no session files (session-*.jsonl): pass a session file, a folder of them such as ${SESSION_DIR_NAME}/, or a W&B run folder`,
  }
}

function pointedSession(dir: string, name: string): Result<string> {
  const pointer = join(dir, LATEST_POINTER_NAME)
  if (name === '' || name !== basename(name) || name === '.' || name === '..')
    return { ok: false, reason: `${pointer} does not name a session file` }
  const file = join(dir, name)
  if (!existsSync(file))
    return { ok: false, reason: `${pointer} names ${name}, which is not in ${dir} any more` }
  return { ok: true, value: file }
}
