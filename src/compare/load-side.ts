import { existsSync } from 'node:fs'
import { locateSessionFile } from './locate-session-file.js'
import { readSession } from './read-session.js'
import { parseRemoteSpec, remoteSpecLabel } from './remote-spec.js'
import type { RemoteSessions } from './remote-spec.js'
import type { Result } from './result.js'
import type { SessionDigest } from './session-digest.js'

/**
 * Reads one side of a comparison from what the user typed: a local path when one exists by that
 * name, else a W&B run path, run URL or `branch:<name>` fetched through `remote`.
 */
export async function loadSide(
  source: string,
  remote: RemoteSessions,
): Promise<Result<SessionDigest>> {
  const file = await sessionFileOf(source, remote)
  return file.ok ? readSession(file.value, source) : file
}

/** The session file a source names: found on disk, or downloaded through `remote`. */
export async function sessionFileOf(
  source: string,
  remote: RemoteSessions,
): Promise<Result<string>> {
  if (source !== '' && existsSync(source)) return locateSessionFile(source)
  const spec = parseRemoteSpec(source)
  if (spec === undefined)
    return {
      ok: false,
      reason: `${source === '' ? 'an empty name' : source} is not a file or folder here, nor a W&B run (entity/project/runId, a run URL, or branch:<name>)`,
    }
  const label = remoteSpecLabel(spec)
  let fetched: Result<string>
  try {
    fetched = await remote.fetch(spec)
  } catch (error) {
    fetched = { ok: false, reason: error instanceof Error ? error.message : String(error) }
  }
  if (!fetched.ok)
    return { ok: false, reason: `could not get the session of ${label}: ${fetched.reason}` }
  return fetched
}
