import type { RunPath } from '../file-stream.js'
import type { ApiResult, GraphqlClient } from '../graphql-client.js'
import type { Deadline } from '../http/deadline.js'
import { FILTERED_RUNS } from './run-documents.js'

/** The config key a run records its git branch under. */
export const BRANCH_KEY = 'git_branch'

export interface BranchRuns {
  readonly entity: string
  readonly project: string
  readonly branch: string
}

interface RunNode {
  readonly name: string
  readonly state: string | null
  readonly config: string | null
}

interface RunsAnswer {
  project: { runs: { edges: { node: RunNode }[] } | null } | null
}

/** W&B's filter for the finished runs whose config records `branch` as the git branch. */
export function finishedOnBranch(branch: string): string {
  return JSON.stringify({
    $and: [{ [`config.${BRANCH_KEY}.value`]: branch }, { state: 'finished' }],
  })
}

/**
 * The newest finished run of the project whose config `git_branch` is `branch`; undefined when there
 * is none (a project W&B does not have has none). W&B filters and orders the runs; the run it
 * answers is checked against the filter all the same, since a wrong baseline would pass unseen.
 */
export async function newestRunOnBranch(
  client: GraphqlClient,
  where: BranchRuns,
  deadline: Deadline,
  cancel?: AbortSignal,
): Promise<ApiResult<RunPath | undefined>> {
  const { entity, project, branch } = where
  const filters = finishedOnBranch(branch)
  const variables = { entity, project, filters, order: '-created_at', perPage: 1 }
  const answer = await client.request<RunsAnswer>(FILTERED_RUNS, variables, deadline, cancel)
  if (!answer.ok) return answer
  const node = answer.value.project?.runs?.edges[0]?.node
  if (node === undefined) return { ok: true, value: undefined }
  const mismatch = mismatchOf(node, branch)
  if (mismatch !== undefined) {
    return {
      ok: false,
      reason: `W&B answered ${entity}/${project}/${node.name} as the newest finished run on the branch ${branch}, but ${mismatch}: it did not filter the runs as asked`,
    }
  }
  return { ok: true, value: { entity, project, runId: node.name } }
}

/** Why the run does not pass the filter, or undefined when it does. */
function mismatchOf(node: RunNode, branch: string): string | undefined {
  if (node.state !== 'finished') return `its state is ${node.state ?? 'unknown'}`
  const recorded = configValue(node.config, BRANCH_KEY)
  return recorded === branch ? undefined : `its config records the branch ${String(recorded)}`
}

/** A value of a run's config, which W&B keeps as `{"key": {"value": v}}` in a JSON string. */
export function configValue(config: string | null, key: string): unknown {
  try {
    const parsed = JSON.parse(config ?? '{}') as Record<string, { value?: unknown } | undefined>
    return parsed[key]?.value
  } catch {
    return undefined
  }
}
