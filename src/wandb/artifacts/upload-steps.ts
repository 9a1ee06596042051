import { randomBytes } from 'node:crypto'
import type { ApiResult } from '../graphql-client.js'
import type { Deadline } from '../http/deadline.js'
import { sendWithRetries } from '../http/send-with-retries.js'
import { parseHeaders } from '../run-files.js'
import {
  COMMIT_ARTIFACT,
  CREATE_ARTIFACT,
  CREATE_ARTIFACT_FILES,
  CREATE_ARTIFACT_MANIFEST,
} from './artifact-documents.js'
import { MANIFEST_FILE_NAME, STORAGE_LAYOUT } from './manifest.js'
import type { ArtifactToUpload, UploadableFile, UploadTarget } from './artifact-to-upload.js'

const FILES_PER_REQUEST = 500

interface CreatedArtifact {
  createArtifact: {
    artifact: { id: string; state: string; versionIndex: number | null } | null
  } | null
}
interface CreatedManifest {
  createArtifactManifest: {
    artifactManifest: {
      id: string
      file: { uploadUrl?: string | null; uploadHeaders?: string[] }
    } | null
  } | null
}
interface CreatedFiles {
  createArtifactFiles: {
    files: {
      edges: { node: { name: string; uploadUrl: string | null; uploadHeaders: string[] } | null }[]
    } | null
  } | null
}
interface Committed {
  commitArtifact: {
    artifact: { id: string; state: string; versionIndex: number | null } | null
  } | null
}

export interface PendingUpload {
  readonly file: UploadableFile
  readonly url: string
  readonly headers: Record<string, string>
}

/** The GraphQL steps of an upload, each failure named after its step. */
export class UploadSteps {
  constructor(
    private readonly target: UploadTarget,
    private readonly artifact: ArtifactToUpload,
    private readonly deadline: Deadline,
    private readonly cancel: AbortSignal | undefined,
  ) {}

  async create(): Promise<ApiResult<{ id: string; state: string; versionIndex: number | null }>> {
    const { artifact, target } = this
    const answer = await this.request<CreatedArtifact>('createArtifact', CREATE_ARTIFACT, {
      input: {
        entityName: target.run.entity,
        projectName: target.run.project,
        runName: target.run.runId,
        artifactTypeName: artifact.type,
        artifactCollectionName: artifact.name,
        digest: artifact.digest,
        digestAlgorithm: 'MANIFEST_MD5',
        ...(artifact.description === undefined ? {} : { description: artifact.description }),
        ...(artifact.metadata === undefined ? {} : { metadata: artifact.metadata }),
        aliases: artifact.aliases.map((alias) => ({
          alias,
          artifactCollectionName: artifact.name,
        })),
        clientID: artifact.clientId ?? randomId(),
        sequenceClientID: artifact.sequenceClientId ?? randomId(),
        enableDigestDeduplication: true,
      },
    })
    if (!answer.ok) return answer
    const created = answer.value.createArtifact?.artifact
    return created
      ? { ok: true, value: created }
      : fail(artifact, 'createArtifact', 'W&B returned no artifact')
  }

  async manifest(artifactId: string, digest: string, includeUpload: boolean) {
    const { run } = this.target
    const answer = await this.request<CreatedManifest>(
      'createArtifactManifest',
      CREATE_ARTIFACT_MANIFEST,
      {
        input: {
          artifactID: artifactId,
          name: MANIFEST_FILE_NAME,
          digest,
          type: 'FULL',
          entityName: run.entity,
          projectName: run.project,
          runName: run.runId,
        },
        includeUpload,
      },
    )
    if (!answer.ok) return answer
    const manifest = answer.value.createArtifactManifest?.artifactManifest
    return manifest
      ? { ok: true as const, value: manifest }
      : fail(this.artifact, 'createArtifactManifest', 'W&B returned no manifest')
  }

  /** Declares every file; those W&B already holds come back without an upload address. */
  async declareFiles(artifactId: string, manifestId: string): Promise<ApiResult<PendingUpload[]>> {
    const byName = new Map(this.artifact.files.map((file) => [file.path, file]))
    const pending: PendingUpload[] = []
    for (let start = 0; start < this.artifact.files.length; start += FILES_PER_REQUEST) {
      const batch = this.artifact.files.slice(start, start + FILES_PER_REQUEST)
      const answer = await this.request<CreatedFiles>(
        'createArtifactFiles',
        CREATE_ARTIFACT_FILES,
        {
          input: {
            storageLayout: STORAGE_LAYOUT,
            artifactFiles: batch.map((file) => ({
              artifactID: artifactId,
              artifactManifestID: manifestId,
              name: file.path,
              md5: file.digest,
            })),
          },
        },
      )
      if (!answer.ok) return answer
      for (const edge of answer.value.createArtifactFiles?.files?.edges ?? []) {
        const file = edge.node === null ? undefined : byName.get(edge.node.name)
        if (file === undefined || edge.node === null || edge.node.uploadUrl === null) continue
        pending.push({
          file,
          url: edge.node.uploadUrl,
          headers: parseHeaders(edge.node.uploadHeaders),
        })
      }
    }
    return { ok: true, value: pending }
  }

  async putManifest(
    url: string,
    headerLines: readonly string[],
    bytes: Buffer,
  ): Promise<ApiResult<void>> {
    const sent = await sendWithRetries(
      { method: 'PUT', url, headers: parseHeaders(headerLines), body: bytes },
      this.deadline,
      undefined,
      this.cancel,
    )
    return sent.kind === 'success'
      ? { ok: true, value: undefined }
      : fail(this.artifact, 'uploading its manifest', sent.reason)
  }

  async commit(artifactId: string): Promise<ApiResult<{ versionIndex: number | null }>> {
    const answer = await this.request<Committed>('commitArtifact', COMMIT_ARTIFACT, {
      input: { artifactID: artifactId },
    })
    if (!answer.ok) return answer
    const committed = answer.value.commitArtifact?.artifact
    if (committed?.state !== 'COMMITTED')
      return fail(
        this.artifact,
        'commitArtifact',
        `the artifact is ${committed?.state ?? 'missing'}`,
      )
    return { ok: true, value: committed }
  }

  private async request<T>(
    step: string,
    document: string,
    variables: Record<string, unknown>,
  ): Promise<ApiResult<T>> {
    const answer = await this.target.client.request<T>(
      document,
      variables,
      this.deadline,
      this.cancel,
    )
    return answer.ok ? answer : fail(this.artifact, step, answer.reason)
  }
}

/** A failed upload, named after the step that failed. */
export function fail(
  artifact: ArtifactToUpload,
  step: string,
  reason: string,
): { ok: false; reason: string } {
  return { ok: false, reason: `could not upload artifact ${artifact.name} (${step}): ${reason}` }
}

/** 32 hex digits, like the client ids W&B's SDK sends. */
export function randomId(): string {
  return randomBytes(16).toString('hex')
}
