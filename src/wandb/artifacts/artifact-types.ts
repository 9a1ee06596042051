import type { JsonObject } from '../../json.js'

/** What an artifact path resolved to, kept so that a later load needs no request. */
export interface ResolvedArtifact {
  readonly id: string
  readonly digest: string
  readonly entity: string
  readonly project: string
  readonly name: string
  readonly versionIndex: number | undefined
}

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
