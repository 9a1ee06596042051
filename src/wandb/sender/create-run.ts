import { hostname } from 'node:os'
import type { RunPath } from '../file-stream.js'
import type { ApiResult, GraphqlClient } from '../graphql-client.js'
import type { Deadline } from '../http/deadline.js'
import type { RunRecord } from '../offline/records.js'
import { upsertRun, viewerEntity } from '../run-api.js'
import { DEFAULT_PROJECT } from '../settings.js'
import { parseItem } from '../offline/json-items.js'

/**
 * Creates the run a log describes, or updates it when a sync before created it (same id); the
 * entity is the log's, else `entity`, else the API key's default.
 */
export async function createRun(
  client: GraphqlClient,
  run: RunRecord,
  entity: string | undefined,
  deadline: Deadline,
  cancel?: AbortSignal,
): Promise<ApiResult<RunPath>> {
  const owner = run.entity ?? entity
  const resolved =
    owner === undefined
      ? await viewerEntity(client, deadline, cancel)
      : { ok: true as const, value: owner }
  if (!resolved.ok) return resolved
  const created = await upsertRun(
    client,
    {
      runId: run.runId ?? '',
      project: run.project ?? DEFAULT_PROJECT,
      entity: resolved.value,
      displayName: run.displayName,
      group: run.runGroup,
      jobType: run.jobType,
      notes: run.notes,
      tags: run.tags ?? [],
      config: Object.fromEntries(
        (run.config?.update ?? []).map((item) => [item.key ?? '', { value: parseItem(item) }]),
      ),
      commit: run.git?.commit,
      remoteUrl: run.git?.remoteUrl,
      host: run.host ?? hostname(),
    },
    deadline,
    cancel,
  )
  if (!created.ok) return created
  const { entity: createdEntity, project, runId } = created.value
  return { ok: true, value: { entity: createdEntity, project, runId } }
}
