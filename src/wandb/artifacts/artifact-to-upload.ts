import type { RunPath } from '../file-stream.js'
import type { GraphqlClient } from '../graphql-client.js'
import type { ManifestEntry } from './manifest.js'

export interface UploadableFile extends ManifestEntry {
  readonly localPath: string
}

/** An artifact as the upload needs it, whether it comes from `persistIndex` or an offline record. */
export interface ArtifactToUpload {
  readonly name: string
  readonly type: string
  readonly digest: string
  /** A JSON string. */
  readonly metadata?: string | undefined
  readonly description?: string | undefined
  readonly aliases: readonly string[]
  readonly files: readonly UploadableFile[]
  readonly clientId?: string | undefined
  readonly sequenceClientId?: string | undefined
}

/** Where to upload: a client for W&B and the run the artifact is an output of. */
export interface UploadTarget {
  readonly client: GraphqlClient
  readonly run: RunPath
}
