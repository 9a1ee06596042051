import type { ApiResult, GraphqlClient } from '../graphql-client.js'
import type { Deadline } from '../http/deadline.js'
import { ARTIFACT_FILE_URLS } from './artifact-documents.js'

/** Files W&B's clients ask download URLs for in one request (wandb-core's `BATCH_SIZE`, Python's default). */
export const FILE_URL_PAGE_SIZE = 5000

interface PageInfo {
  readonly hasNextPage: boolean
  readonly endCursor: string | null
}

interface FilesAnswer {
  artifact: {
    files: {
      pageInfo: PageInfo
      edges: { node: { name: string; directUrl: string | null } | null }[]
    }
  } | null
}

/**
 * The download URL W&B gives for each of `names`, files of the artifact `artifactId`, following
 * the pages it answers in. A file it lists without a URL, or does not list, is left out.
 */
export async function fileUrls(
  client: GraphqlClient,
  artifactId: string,
  names: readonly string[],
  deadline: Deadline,
): Promise<ApiResult<Map<string, string>>> {
  const urls = new Map<string, string>()
  let cursor: string | null = null
  do {
    const variables = { id: artifactId, names, perPage: names.length, cursor }
    const answer = await client.request<FilesAnswer>(ARTIFACT_FILE_URLS, variables, deadline)
    if (!answer.ok) return answer
    const files = answer.value.artifact?.files
    if (files === undefined)
      return { ok: false, reason: `W&B has no artifact with id ${artifactId}` }
    for (const { node } of files.edges) if (node?.directUrl) urls.set(node.name, node.directUrl)
    cursor = nextCursor(files.pageInfo, cursor)
  } while (cursor !== null)
  return { ok: true, value: urls }
}

/** The next page's cursor; null after the last page, or when a server repeats a cursor. */
function nextCursor({ hasNextPage, endCursor }: PageInfo, previous: string | null): string | null {
  return hasNextPage && endCursor !== null && endCursor !== previous ? endCursor : null
}
