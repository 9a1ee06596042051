import type { GraphqlClient, ApiResult } from './graphql-client.js'
import type { Deadline } from './http/deadline.js'
import { withoutCredentials } from './without-credentials.js'

const VIEWER_QUERY = `query Viewer {
  viewer {
    id
    entity
  }
}`

const UPSERT_BUCKET_MUTATION = `mutation UpsertBucket(
  $name: String
  $project: String
  $entity: String
  $displayName: String
  $groupName: String
  $jobType: String
  $notes: String
  $tags: [String]
  $config: JSONString
  $commit: String
  $jobRepo: String
  $host: String
) {
  upsertBucket(
    input: {
      name: $name
      modelName: $project
      entityName: $entity
      displayName: $displayName
      groupName: $groupName
      jobType: $jobType
      notes: $notes
      tags: $tags
      config: $config
      commit: $commit
      jobRepo: $jobRepo
      host: $host
    }
  ) {
    bucket {
      id
      name
      displayName
      project {
        id
        name
        entity {
          id
          name
        }
      }
    }
  }
}`

/** What W&B is told about a run when it is created. */
export interface RunInput {
  readonly runId: string
  readonly project: string
  readonly entity: string
  readonly displayName?: string | undefined
  readonly group?: string | undefined
  readonly jobType?: string | undefined
  readonly notes?: string | undefined
  readonly tags?: readonly string[]
  /** Config in W&B's shape: `{"key": {"value": v}}`. */
  readonly config?: Readonly<Record<string, { value: unknown }>>
  readonly commit?: string | undefined
  readonly remoteUrl?: string | undefined
  readonly host: string
}

export interface CreatedRun {
  readonly runId: string
  readonly project: string
  readonly entity: string
  readonly displayName: string | undefined
}

/** The entity of the key's owner: the default when none is set. */
export async function viewerEntity(
  client: GraphqlClient,
  deadline: Deadline,
  cancel?: AbortSignal,
): Promise<ApiResult<string>> {
  const result = await client.request<{ viewer: { entity: string | null } | null }>(
    VIEWER_QUERY,
    {},
    deadline,
    cancel,
  )
  if (!result.ok) return result
  const entity = result.value.viewer?.entity
  return typeof entity === 'string' && entity !== ''
    ? { ok: true, value: entity }
    : { ok: false, reason: 'the API key has no default entity' }
}

/** Creates the run, or updates it if it exists (same id): how W&B's SDK starts and resumes runs. */
export async function upsertRun(
  client: GraphqlClient,
  input: RunInput,
  deadline: Deadline,
  cancel?: AbortSignal,
): Promise<ApiResult<CreatedRun>> {
  const result = await client.request<{
    upsertBucket: {
      bucket: {
        name: string
        displayName: string | null
        project: { name: string; entity: { name: string } }
      } | null
    } | null
  }>(
    UPSERT_BUCKET_MUTATION,
    {
      name: input.runId,
      project: input.project,
      entity: input.entity,
      displayName: input.displayName ?? null,
      groupName: input.group ?? null,
      jobType: input.jobType ?? null,
      notes: input.notes ?? null,
      tags: input.tags ?? [],
      config: JSON.stringify(input.config ?? {}),
      commit: input.commit ?? null,
      // Offline runs written elsewhere (other tools, older versions) may hold a remote with a token.
      jobRepo: withoutCredentials(input.remoteUrl ?? '') || null,
      host: input.host,
    },
    deadline,
    cancel,
  )
  if (!result.ok) return result
  const bucket = result.value.upsertBucket?.bucket
  if (bucket === null || bucket === undefined)
    return { ok: false, reason: 'W&B did not return the run it created' }
  return {
    ok: true,
    value: {
      runId: bucket.name,
      project: bucket.project.name,
      entity: bucket.project.entity.name,
      displayName: bucket.displayName ?? undefined,
    },
  }
}
