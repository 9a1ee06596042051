import type { ArtifactToUpload } from '../../../../src/wandb/artifacts/artifact-to-upload.js'
import type { PersistedIndex } from '../../../../src/wandb/artifacts/artifact-types.js'

/** A persisted index as `uploadArtifact` takes it, with the fields a run's artifact record gives it. */
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
