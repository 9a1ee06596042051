import type { GraphqlClient } from '../graphql-client.js'
import type { Deadline } from '../http/deadline.js'
import { ARTIFACT_BY_NAME } from './artifact-documents.js'
import type { ResolvedArtifact } from './artifact-types.js'

export interface ResolvedVersion extends ResolvedArtifact {
  readonly manifestUrl: string
  /** The artifact's collection (sequence) name: part of W&B's computed file addresses. */
  readonly collection: string
}

interface ArtifactAnswer {
  project: {
    artifact: {
      id: string
      digest: string
      state: string
      versionIndex: number | null
      artifactSequence: { name: string } | null
      currentManifest: { file: { directUrl: string } } | null
    } | null
  } | null
}

/** A resolved version, or why not; `answered` when W&B itself said there is no such version. */
export type Resolution =
  | { readonly ok: true; readonly value: ResolvedVersion }
  | { readonly ok: false; readonly reason: string; readonly answered: boolean }

/** Finds `name:alias` in a project: its id, digest and where its manifest is. */
export async function resolveArtifact(
  client: GraphqlClient,
  where: { entity: string; project: string; name: string; alias: string },
  deadline: Deadline,
): Promise<Resolution> {
  const path = `${where.entity}/${where.project}/${where.name}:${where.alias}`
  const answer = await client.request<ArtifactAnswer>(
    ARTIFACT_BY_NAME,
    { entity: where.entity, project: where.project, name: `${where.name}:${where.alias}` },
    deadline,
  )
  if (!answer.ok) return { ...answer, answered: false }
  const artifact = answer.value.project?.artifact
  if (answer.value.project === null)
    return {
      ok: false,
      reason: `W&B has no project ${where.entity}/${where.project}`,
      answered: true,
    }
  if (artifact === null || artifact === undefined)
    return { ok: false, reason: `W&B has no artifact ${path}`, answered: true }
  if (artifact.state !== 'COMMITTED')
    return {
      ok: false,
      reason: `the artifact ${path} is ${artifact.state}, not committed yet`,
      answered: true,
    }
  const manifestUrl = artifact.currentManifest?.file.directUrl
  if (manifestUrl === undefined)
    return { ok: false, reason: `the artifact ${path} has no manifest`, answered: true }
  return {
    ok: true,
    value: {
      id: artifact.id,
      digest: artifact.digest,
      entity: where.entity,
      project: where.project,
      name: where.name,
      versionIndex: artifact.versionIndex ?? undefined,
      manifestUrl,
      collection: artifact.artifactSequence?.name ?? where.name,
    },
  }
}
