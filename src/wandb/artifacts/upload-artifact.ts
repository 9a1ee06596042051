import type { ApiResult } from '../graphql-client.js'
import { DEFAULT_TIMEOUT_MS, Deadline } from '../http/deadline.js'
import type { RetryPolicy } from '../http/send-with-retries.js'
import type { ArtifactToUpload, UploadTarget } from './artifact-to-upload.js'
import { manifestBytes } from './manifest.js'
import { mapLimit } from './map-limit.js'
import { putFile } from './put-file.js'
import { transferMs } from './streamed-exchange.js'
import { UploadProgress } from './upload-progress.js'
import { fail, UploadSteps } from './upload-steps.js'
import type { PendingUpload } from './upload-steps.js'

export interface UploadOptions {
  /** The time allowed besides moving the bytes (which gets more per megabyte); 30 s by default. */
  readonly timeoutMs?: number
  readonly cancel?: AbortSignal
  /** Prints progress lines for uploads over a few megabytes. */
  readonly log?: (line: string) => void
  /** File PUTs in flight at once; 4 by default. */
  readonly concurrency?: number
  /** Retries of each storage PUT. */
  readonly policy?: RetryPolicy
}

export interface UploadedArtifact {
  readonly id: string
  /** `existing`: W&B already had this content (nothing was uploaded). */
  readonly state: 'committed' | 'existing'
  readonly versionIndex: number | undefined
  readonly uploadedFiles: number
  readonly uploadedBytes: number
}

const DEFAULT_CONCURRENCY = 4

/**
 * Logs an artifact as an output of a run, as W&B's SDK does: createArtifact (which answers COMMITTED
 * when the same content exists: then nothing is uploaded), the manifest, the files W&B does not have
 * yet (PUT in parallel, streamed from disk), the manifest's bytes, and the commit. Errors come back
 * as values.
 */
export async function uploadArtifact(
  target: UploadTarget,
  artifact: ArtifactToUpload,
  options: UploadOptions = {},
): Promise<ApiResult<UploadedArtifact>> {
  const bytes = artifact.files.reduce((sum, file) => sum + file.size, 0)
  const deadline = new Deadline((options.timeoutMs ?? DEFAULT_TIMEOUT_MS) + transferMs(bytes))
  const step = new UploadSteps(target, artifact, deadline, options.cancel)
  const created = await step.create()
  if (!created.ok) return created
  const { id, state, versionIndex } = created.value
  if (state === 'COMMITTED') {
    return {
      ok: true,
      value: {
        id,
        state: 'existing',
        versionIndex: versionIndex ?? undefined,
        uploadedFiles: 0,
        uploadedBytes: 0,
      },
    }
  }
  const manifestId = await step.manifest(id, '', false)
  if (!manifestId.ok) return manifestId
  const uploads = await step.declareFiles(id, manifestId.value.id)
  if (!uploads.ok) return uploads
  const progress = new UploadProgress(artifact.name, sum(uploads.value), options.log)
  progress.start(uploads.value.length)
  const put = await putAll(uploads.value, deadline, options, progress)
  if (!put.ok) return fail(artifact, 'uploading its files', put.reason)
  const manifest = manifestBytes(artifact.files)
  const manifestFile = await step.manifest(id, manifest.digest, true)
  if (!manifestFile.ok) return manifestFile
  const { uploadUrl, uploadHeaders } = manifestFile.value.file
  if (typeof uploadUrl !== 'string')
    return fail(artifact, 'uploading its manifest', 'W&B gave no upload address')
  const sent = await step.putManifest(uploadUrl, uploadHeaders ?? [], manifest.bytes)
  if (!sent.ok) return sent
  const committed = await step.commit(id)
  if (!committed.ok) return committed
  const version = committed.value.versionIndex ?? undefined
  progress.done(version === undefined ? 'latest' : `v${version}`)
  return {
    ok: true,
    value: {
      id,
      state: 'committed',
      versionIndex: version,
      uploadedFiles: uploads.value.length,
      uploadedBytes: sum(uploads.value),
    },
  }
}

async function putAll(
  uploads: readonly PendingUpload[],
  deadline: Deadline,
  options: UploadOptions,
  progress: UploadProgress,
): Promise<ApiResult<void>> {
  let failure: string | undefined
  const put = async (upload: PendingUpload): Promise<void> => {
    const sent = await putFile(
      upload.url,
      upload.headers,
      upload.file,
      deadline,
      options.policy,
      options.cancel,
      (bytes) => progress.advance(bytes),
    )
    if (sent.ok) return
    failure ??= `${upload.file.path}: ${sent.reason}`
    throw new Error(failure)
  }
  try {
    await mapLimit(uploads, options.concurrency ?? DEFAULT_CONCURRENCY, put)
  } catch (error) {
    if (failure === undefined) throw error
  }
  return failure === undefined ? { ok: true, value: undefined } : { ok: false, reason: failure }
}

function sum(uploads: readonly PendingUpload[]): number {
  return uploads.reduce((total, upload) => total + upload.file.size, 0)
}
