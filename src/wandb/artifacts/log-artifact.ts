import { describeError, warn } from '../../warnings.js'
import type { RunArtifact, WandbRun } from '../wandb-run.js'
import { artifactRecord } from './artifact-record.js'
import type { PersistedIndex } from './artifact-types.js'
import { uploadArtifact } from './upload-artifact.js'
import type { ArtifactToUpload } from './artifact-to-upload.js'
import type { UploadedArtifact, UploadOptions } from './upload-artifact.js'

/** How an artifact reached a run. */
export type LoggedArtifact =
  | { readonly kind: 'uploaded'; readonly upload: UploadedArtifact }
  /** Written into the run folder, to upload when the run is synced (`reason`: why not now). */
  | { readonly kind: 'recorded'; readonly reason: string | undefined }
  | { readonly kind: 'failed'; readonly reason: string }

export type LogArtifactOptions = Pick<UploadOptions, 'log' | 'timeoutMs' | 'policy' | 'concurrency'>

const logged = new WeakMap<WandbRun, Map<string, Promise<LoggedArtifact>>>()

/**
 * Logs a persisted index as an output artifact of `run`, once per name and digest however many tests
 * persisted it: uploaded online, else recorded in the offline run with a warning saying how it will
 * reach W&B. Never throws.
 */
export function logArtifact(
  run: WandbRun,
  persisted: PersistedIndex,
  options: LogArtifactOptions = {},
): Promise<LoggedArtifact> {
  const key = `${persisted.name}:${persisted.digest}`
  const byKey = logged.get(run) ?? new Map<string, Promise<LoggedArtifact>>()
  logged.set(run, byKey)
  const existing = byKey.get(key)
  if (existing !== undefined) return existing
  const logging = logOnce(run, persisted, key, options)
  byKey.set(key, logging)
  return logging
}

async function logOnce(
  run: WandbRun,
  persisted: PersistedIndex,
  key: string,
  options: LogArtifactOptions,
): Promise<LoggedArtifact> {
  let upload: UploadedArtifact | undefined
  let failure: string | undefined
  const artifact: RunArtifact = {
    key,
    upload: async (api) => {
      const result = await uploadArtifact(
        { client: api.client, run: api.path },
        toUpload(persisted),
        options,
      )
      if (result.ok) upload = result.value
      else failure = result.reason
      return result
    },
    record: (target) => artifactRecord(persisted, target),
  }
  try {
    const how = await run.artifact(artifact)
    if (how === 'uploaded' && upload !== undefined) return { kind: 'uploaded', upload }
    if (failure !== undefined) {
      warn(
        `${failure}; it was saved in the run folder and uploads when the run is synced (\`vitest-wandb sync <run folder>\`).`,
      )
    }
    return { kind: 'recorded', reason: failure }
  } catch (error) {
    const reason = `could not log artifact ${persisted.name}: ${describeError(error)}`
    warn(`${reason}.`)
    return { kind: 'failed', reason }
  }
}

export function toUpload(persisted: PersistedIndex): ArtifactToUpload {
  return {
    name: persisted.name,
    type: persisted.type,
    digest: persisted.digest,
    metadata: JSON.stringify(persisted.metadata),
    aliases: ['latest'],
    files: persisted.files,
  }
}
