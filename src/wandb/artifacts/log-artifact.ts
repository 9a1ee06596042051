import { describeError, warn } from '../../warnings.js'
import type { WandbRun } from '../wandb-run.js'
import { artifactRecord } from './artifact-record.js'
import type { PersistedIndex } from './artifact-types.js'
import type { UploadedArtifact } from './upload-artifact.js'

/** How an artifact reached a run. */
export type LoggedArtifact =
  | { readonly kind: 'uploaded'; readonly upload: UploadedArtifact }
  /** Written into the run folder, to upload when the run is synced (`reason`: why not now). */
  | { readonly kind: 'recorded'; readonly reason: string | undefined }
  | { readonly kind: 'failed'; readonly reason: string }

const logged = new WeakMap<WandbRun, Map<string, Promise<LoggedArtifact>>>()

/**
 * Logs a persisted index as an output artifact of `run`, once per name and digest however many tests
 * persisted it: uploaded online, else recorded in the offline run with a warning saying how it will
 * reach W&B. Never throws.
 */
export function logArtifact(run: WandbRun, persisted: PersistedIndex): Promise<LoggedArtifact> {
  const key = `${persisted.name}:${persisted.digest}`
  const byKey = logged.get(run) ?? new Map<string, Promise<LoggedArtifact>>()
  logged.set(run, byKey)
  const existing = byKey.get(key)
  if (existing !== undefined) return existing
  const logging = logOnce(run, persisted, key)
  byKey.set(key, logging)
  return logging
}

async function logOnce(
  run: WandbRun,
  persisted: PersistedIndex,
  key: string,
): Promise<LoggedArtifact> {
  try {
    const outcome = await run.artifact({
      key,
      record: (target) => artifactRecord(persisted, target),
    })
    if (outcome.kind === 'recorded' && outcome.reason !== undefined) {
      warn(
        `${outcome.reason}; it was saved in the run folder and uploads when the run is synced (\`vitest-wandb sync <run folder>\`).`,
      )
    }
    return outcome
  } catch (error) {
    const reason = `could not log artifact ${persisted.name}: ${describeError(error)}`
    warn(`${reason}.`)
    return { kind: 'failed', reason }
  }
}
