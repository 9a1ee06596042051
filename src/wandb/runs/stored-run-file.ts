import type { RunPath } from '../file-stream.js'
import type { ApiResult, GraphqlClient } from '../graphql-client.js'
import type { Deadline } from '../http/deadline.js'
import { RUN_FILE_URLS } from './run-documents.js'

/** Where W&B stores a run file, and what it says the file holds. */
export interface StoredRunFile {
  readonly url: string
  /** Undefined when W&B gives no size, or 0 (which it may give for a size it did not record). */
  readonly sizeBytes: number | undefined
  /** As W&B gives it: base64 (its storage's form), or hex. */
  readonly md5: string | undefined
}

interface FileNode {
  readonly name: string
  readonly directUrl: string | null
  readonly sizeBytes: number | string | null
  readonly md5: string | null
}

interface FilesAnswer {
  project: { run: { files: { edges: { node: FileNode | null }[] } | null } | null } | null
}

export function runLabel(run: RunPath): string {
  return `${run.entity}/${run.project}/${run.runId}`
}

/** The failure for a file the run does not have; `whyMissing` says why a run may lack it. */
export function missingFile(run: RunPath, name: string, whyMissing?: string): ApiResult<never> {
  const reason = `the run ${runLabel(run)} has no file ${name}`
  return { ok: false, reason: whyMissing === undefined ? reason : `${reason}: ${whyMissing}` }
}

/** Asks W&B where the run file `name` is stored. */
export async function storedRunFile(
  client: GraphqlClient,
  run: RunPath,
  name: string,
  whyMissing: string | undefined,
  deadline: Deadline,
  cancel?: AbortSignal,
): Promise<ApiResult<StoredRunFile>> {
  const answer = await client.request<FilesAnswer>(
    RUN_FILE_URLS,
    { entity: run.entity, project: run.project, run: run.runId, names: [name] },
    deadline,
    cancel,
  )
  if (!answer.ok) return answer
  const found = answer.value.project?.run
  if (found === null || found === undefined)
    return { ok: false, reason: `W&B has no run ${runLabel(run)}` }
  const node = found.files?.edges.find((edge) => edge.node?.name === name)?.node
  if (node === null || node === undefined || !node.directUrl)
    return missingFile(run, name, whyMissing)
  const sizeBytes = Number(node.sizeBytes ?? 0)
  return {
    ok: true,
    value: {
      url: node.directUrl,
      sizeBytes: Number.isFinite(sizeBytes) && sizeBytes > 0 ? sizeBytes : undefined,
      md5: node.md5 || undefined,
    },
  }
}
