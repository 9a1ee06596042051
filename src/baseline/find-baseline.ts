import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { RemoteSessions } from '../compare/remote-spec.js'
import { parseRemoteSpec } from '../compare/remote-spec.js'
import type { Result } from '../compare/result.js'
import { locateSessionFile } from '../compare/locate-session-file.js'
import { SESSION_DIR_NAME } from '../session/session-file.js'
import type { SessionsTarget } from './wandb-sessions.js'
import { wandbSessions } from './wandb-sessions.js'

/** What a session is compared with: `previous`, `branch:<name>`, or a path `diff` reads. */
export type BaselineChoice = string

/** A baseline found as the session starts, read when it ends. */
export interface Baseline {
  /** What the run's config records as `baseline_run`: a W&B run path, or a session file. */
  readonly id: string
  /** What the closing lines call it. */
  readonly label: string
  /** What the comparison reads, as `diff` takes it, with W&B sources through `remote`. */
  readonly source: string
  readonly remote: RemoteSessions
}

/**
 * Finds the baseline `choice` names for a session of the project at `root`: the newest earlier
 * session file, the newest finished W&B run of a branch, or a given path. A failure says why,
 * for one warning line; it never stops the session.
 */
export async function findBaseline(
  choice: BaselineChoice,
  root: string,
  target: SessionsTarget,
): Promise<Result<Baseline>> {
  const remote = wandbSessions(target)
  if (choice === 'previous') {
    // Read as the session starts: the newest session then is the one before it.
    const dir = join(root, SESSION_DIR_NAME)
    const found = existsSync(dir) ? locateSessionFile(dir) : undefined
    if (found === undefined || !found.ok)
      return { ok: false, reason: `no earlier session in ${SESSION_DIR_NAME}/ to compare with` }
    const previous = found.value
    const shown = relative(root, previous)
    return {
      ok: true,
      value: { id: shown, label: `the previous session (${shown})`, source: previous, remote },
    }
  }
  const spec = existsSync(choice) ? undefined : parseRemoteSpec(choice)
  if (spec === undefined) {
    if (!existsSync(choice))
      return {
        ok: false,
        reason: `${choice} is not a file or folder here, nor a W&B run (entity/project/runId, a run URL, or branch:<name>)`,
      }
    return { ok: true, value: { id: choice, label: choice, source: choice, remote } }
  }
  const run = await remote.resolve(spec)
  if (!run.ok) return run
  const path = `${run.value.entity}/${run.value.project}/${run.value.runId}`
  const label = spec.kind === 'branch' ? `${choice} (${path})` : path
  return { ok: true, value: { id: path, label, source: path, remote } }
}
