import { constants } from 'node:fs'
import { copyFile, mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { ArtifactRecord } from '../offline/records.js'
import { STORAGE_LAYOUT, STORAGE_POLICY } from './manifest.js'
import { mapLimit } from './map-limit.js'
import type { PersistedIndex } from './artifact-types.js'
import { localPathOf } from './safe-path.js'
import { randomId } from './upload-steps.js'

const COPY_WORKERS = 4

/**
 * Where an artifact's record goes: its files are copied into the run folder `copyDir` and named
 * at `finalDir`, where that folder is when it ends as an offline run, so W&B's own sync finds them.
 */
export interface ArtifactRecordTarget {
  readonly copyDir: string
  readonly finalDir: string
  readonly runId: string
  readonly project: string
  readonly entity: string | undefined
}

/** The folder of a run that holds copies of its artifacts' files. */
export const ARTIFACT_COPIES = 'artifacts'

/** Where a run keeps copies of an artifact's files (syncing deletes them, so they are never the user's). */
export function artifactCopyDir(runDir: string, digest: string): string {
  return join(runDir, ARTIFACT_COPIES, digest)
}

/**
 * The `artifact` record of an index for an offline run, as W&B's SDK writes one: each manifest
 * entry's `local_path` is a copy made inside the run folder.
 */
export async function artifactRecord(
  persisted: PersistedIndex,
  target: ArtifactRecordTarget,
): Promise<ArtifactRecord> {
  const copies = artifactCopyDir(target.copyDir, persisted.digest)
  const named = artifactCopyDir(target.finalDir, persisted.digest)
  await mapLimit(persisted.files, COPY_WORKERS, async (file) => {
    const copy = localPathOf(copies, file.path)
    await mkdir(dirname(copy), { recursive: true })
    await copyFile(file.localPath, copy, constants.COPYFILE_FICLONE)
  })
  return {
    runId: target.runId,
    project: target.project,
    ...(target.entity === undefined ? {} : { entity: target.entity }),
    type: persisted.type,
    name: persisted.name,
    digest: persisted.digest,
    metadata: JSON.stringify(persisted.metadata),
    aliases: ['latest'],
    manifest: {
      version: 1,
      storagePolicy: STORAGE_POLICY,
      storagePolicyConfig: [{ key: 'storageLayout', valueJson: JSON.stringify(STORAGE_LAYOUT) }],
      contents: persisted.files.map((file) => ({
        path: file.path,
        digest: file.digest,
        size: file.size,
        localPath: localPathOf(named, file.path),
      })),
    },
    finalize: true,
    clientId: randomId(),
    sequenceClientId: randomId(),
  }
}
