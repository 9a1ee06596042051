import type { RunPath } from '../file-stream.js'
import type { ApiResult, GraphqlClient } from '../graphql-client.js'
import type { ArtifactRecord } from '../offline/records.js'
import { uploadArtifact } from './upload-artifact.js'
import type { UploadableFile } from './artifact-to-upload.js'
import type { UploadedArtifact, UploadOptions } from './upload-artifact.js'

export interface RecordUploadOptions extends UploadOptions {
  /** Where a file named by an entry's `local_path` is now; the path itself by default. */
  readonly localPath?: (recorded: string) => string
}

/**
 * Uploads an `artifact` record of a run's log (written by this package or by W&B's SDK) as an
 * output of the run, reading each file from its entry's `local_path`. The files are left where
 * they are; W&B's own sync deletes them afterwards.
 */
export async function uploadArtifactRecord(
  client: GraphqlClient,
  run: RunPath,
  record: ArtifactRecord,
  options: RecordUploadOptions = {},
): Promise<ApiResult<UploadedArtifact>> {
  const where = options.localPath ?? ((recorded: string) => recorded)
  const label = record.name ?? '(unnamed)'
  if (record.name === undefined || record.type === undefined || record.digest === undefined) {
    return { ok: false, reason: `the artifact record ${label} has no name, type or digest` }
  }
  const files: UploadableFile[] = []
  for (const entry of record.manifest?.contents ?? []) {
    if (entry.ref !== undefined && entry.ref !== '') {
      return {
        ok: false,
        reason: `artifact ${label}: reference entries (${entry.path}) are not supported`,
      }
    }
    if (entry.path === undefined || entry.digest === undefined || entry.localPath === undefined) {
      return {
        ok: false,
        reason: `artifact ${label}: a manifest entry has no path, digest or local_path`,
      }
    }
    files.push({
      path: entry.path,
      digest: entry.digest,
      size: entry.size,
      localPath: where(entry.localPath),
    })
  }
  return uploadArtifact(
    { client, run },
    {
      name: record.name,
      type: record.type,
      digest: record.digest,
      metadata: record.metadata,
      description: record.description,
      aliases: record.aliases ?? ['latest'],
      files,
      clientId: record.clientId,
      sequenceClientId: record.sequenceClientId,
    },
    options,
  )
}
