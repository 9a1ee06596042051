import { ArtifactCache } from '../../../../src/indexes/artifact-cache.js'
import { toUpload } from './to-upload.js'
import { persistIndexArtifact } from '../../../../src/indexes/persist-index.js'
import type { PersistedIndex } from '../../../../src/wandb/artifacts/artifact-types.js'
import { uploadArtifact } from '../../../../src/wandb/artifacts/upload-artifact.js'
import type { FakeWandb } from '../../../support/fake-wandb/index.js'
import { FAST_RETRIES, fakeRunTarget } from './fake-target.js'
import { tempFolder, writeFiles } from './temp-folders.js'

/** Logs `files` (POSIX path → contents) to the fake as a version of the index `name`, as a user would. */
export async function logFiles(
  fake: FakeWandb,
  project: string,
  name: string,
  files: Record<string, string | Uint8Array>,
): Promise<PersistedIndex> {
  const to = await fakeRunTarget(fake, project, 'producer')
  const persisted = await persistIndexArtifact(
    writeFiles(tempFolder('src'), files),
    name,
    undefined,
    { cache: new ArtifactCache(tempFolder('producer-cache')) },
  )
  const uploaded = await uploadArtifact(to, toUpload(persisted), { policy: FAST_RETRIES })
  if (!uploaded.ok) throw new Error(uploaded.reason)
  return persisted
}
