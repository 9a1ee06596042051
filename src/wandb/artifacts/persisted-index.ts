import type { JsonObject } from '../../trace/json.js'

export const STORAGE_CONTEXT_TYPE = 'storage_context'

export interface PersistedFile {
  /** POSIX path inside the artifact. */
  readonly path: string
  /** Base64 md5. */
  readonly digest: string
  readonly size: number
  /** Where the bytes are (a cached copy, so it outlives a temporary folder). */
  readonly localPath: string
}

/**
 * An index saved as a W&B artifact, ready to log: plain JSON, so the Vitest harness can carry it from
 * a test to the reporter.
 */
export interface PersistedIndex {
  readonly name: string
  readonly type: string
  /** The artifact digest (hex). */
  readonly digest: string
  readonly metadata: JsonObject
  readonly files: readonly PersistedFile[]
}
