import type { RunPath } from './file-stream.js'
import type { ApiResult, GraphqlClient } from './graphql-client.js'
import type { Deadline } from './http/deadline.js'
import { DEFAULT_RETRY_POLICY, sendWithRetries } from './http/send-with-retries.js'

const RUN_UPLOAD_URLS_QUERY = `query RunUploadUrls($name: String!, $files: [String]!, $entity: String, $run: String!) {
  model(name: $name, entityName: $entity) {
    bucket(name: $run) {
      id
      files(names: $files) {
        uploadHeaders
        edges {
          node {
            name
            url(upload: true)
          }
        }
      }
    }
  }
}`

interface UploadUrlsAnswer {
  model: {
    bucket: {
      files: {
        uploadHeaders: string[]
        edges: { node: { name: string; url: string | null } | null }[]
      } | null
    } | null
  } | null
}

/** Uploads one file of a run (e.g. a table's JSON): asks W&B where, then PUTs the bytes there. */
export async function uploadRunFile(
  client: GraphqlClient,
  run: RunPath,
  name: string,
  bytes: Uint8Array,
  deadline: Deadline,
  cancel?: AbortSignal,
): Promise<ApiResult<void>> {
  const answer = await client.request<UploadUrlsAnswer>(
    RUN_UPLOAD_URLS_QUERY,
    { name: run.project, entity: run.entity, run: run.runId, files: [name] },
    deadline,
    cancel,
  )
  if (!answer.ok) return answer
  const files = answer.value.model?.bucket?.files
  const url = files?.edges.find((edge) => edge.node?.name === name)?.node?.url
  if (url === undefined || url === null)
    return { ok: false, reason: `W&B gave no upload address for ${name}` }
  const put = await sendWithRetries(
    { method: 'PUT', url, headers: parseHeaders(files?.uploadHeaders ?? []), body: bytes },
    deadline,
    DEFAULT_RETRY_POLICY,
    cancel,
  )
  return put.kind === 'success'
    ? { ok: true, value: undefined }
    : { ok: false, reason: `uploading ${name}: ${put.reason}` }
}

/** W&B gives upload headers as "Key:Value" strings. */
export function parseHeaders(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim()
  }
  return headers
}
