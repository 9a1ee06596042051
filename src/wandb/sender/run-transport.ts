import type { UploadedArtifact } from '../artifacts/upload-artifact.js'
import type { RunPath } from '../file-stream.js'
import type { ApiResult } from '../graphql-client.js'
import type { Deadline } from '../http/deadline.js'
import type { ArtifactRecord, RunRecord } from '../offline/records.js'

/** How an artifact's files are read: where each entry's `local_path` is now, and progress lines. */
export interface ArtifactSending {
  readonly timeoutMs: number
  readonly cancel: AbortSignal
  readonly localPath: (recorded: string) => string
  readonly log: ((line: string) => void) | undefined
}

/**
 * What sending a run needs of W&B, one call per step the sender takes. Every failure comes back
 * as a value; nothing here keeps state between calls, so a sender can be tested against a stub.
 */
export interface RunTransport {
  /** Creates the run a log's `run` record describes, or updates it when it exists (same id). */
  createRun(run: RunRecord, deadline: Deadline, cancel: AbortSignal): Promise<ApiResult<RunPath>>
  /** Puts `lines` at history line `offset` on: sent again, they land on the same lines. */
  sendHistory(
    run: RunPath,
    lines: readonly string[],
    offset: number,
    deadline: Deadline,
    cancel: AbortSignal,
  ): Promise<ApiResult<void>>
  uploadFile(
    run: RunPath,
    name: string,
    bytes: Uint8Array,
    deadline: Deadline,
    cancel: AbortSignal,
  ): Promise<ApiResult<void>>
  uploadArtifact(
    run: RunPath,
    record: ArtifactRecord,
    sending: ArtifactSending,
  ): Promise<ApiResult<UploadedArtifact>>
  sendSummary(
    run: RunPath,
    summaryJson: string,
    deadline: Deadline,
    cancel: AbortSignal,
  ): Promise<ApiResult<void>>
  complete(
    run: RunPath,
    exitCode: number,
    deadline: Deadline,
    cancel: AbortSignal,
  ): Promise<ApiResult<void>>
}
