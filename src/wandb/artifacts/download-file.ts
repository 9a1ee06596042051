import { createHash } from 'node:crypto'
import { mkdir, open } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { ApiResult } from '../graphql-client.js'
import type { Deadline } from '../http/deadline.js'
import type { RetryPolicy } from '../http/send-with-retries.js'
import { errorResult } from '../http/timed-exchange.js'
import { transferWithRetries } from './streamed-exchange.js'

export interface ExpectedFile {
  readonly path: string
  /** Base64 md5. */
  readonly digest: string
  readonly size: number
}

/**
 * GETs a file into `target`, hashing it as it streams in. Bytes whose md5 or size differ from the
 * manifest are an error, never retried into place: a corrupt file is not used.
 */
export async function downloadFile(
  url: string,
  headers: Readonly<Record<string, string>>,
  target: string,
  expected: ExpectedFile,
  deadline: Deadline,
  policy?: RetryPolicy,
  cancel?: AbortSignal,
): Promise<ApiResult<void>> {
  await mkdir(dirname(target), { recursive: true })
  return transferWithRetries(
    { method: 'GET', url },
    expected.size,
    async (signal) => {
      const response = await fetch(url, { headers, signal })
      if (!response.ok) return errorResult(response)
      const got = await writeHashed(response, target)
      if (got.digest !== expected.digest || got.size !== expected.size) {
        return {
          kind: 'failure',
          reason: `the download of ${expected.path} is corrupt: md5 ${got.digest} and ${got.size} bytes, but the manifest says ${expected.digest} and ${expected.size} bytes`,
        }
      }
      return { kind: 'success', status: response.status, body: '' }
    },
    deadline,
    policy,
    cancel,
  )
}

/** Streams a response's body into `target`, returning the base64 md5 and size of what arrived. */
export async function writeHashed(
  response: Response,
  target: string,
): Promise<{ digest: string; size: number }> {
  const hash = createHash('md5')
  const handle = await open(target, 'w')
  let size = 0
  try {
    if (response.body !== null) {
      for await (const chunk of response.body) {
        hash.update(chunk)
        size += chunk.length
        await handle.write(chunk)
      }
    }
  } finally {
    await handle.close()
  }
  return { digest: hash.digest('base64'), size }
}
