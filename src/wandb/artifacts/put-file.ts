import { createReadStream } from 'node:fs'
import { access } from 'node:fs/promises'
import http from 'node:http'
import type { IncomingMessage } from 'node:http'
import https from 'node:https'
import type { ApiResult } from '../graphql-client.js'
import type { Deadline } from '../http/deadline.js'
import type { HttpResult } from '../http/http-result.js'
import type { RetryPolicy } from '../http/send-with-retries.js'
import { statusResult } from '../http/timed-exchange.js'
import { transferWithRetries } from './streamed-exchange.js'

export interface FileToPut {
  readonly localPath: string
  readonly size: number
}

interface PutHooks {
  readonly signal: AbortSignal
  /** Called once the response begins. */
  readonly answered: () => void
  readonly onBytes: ((bytes: number) => void) | undefined
}

// Enough of an error response to explain it.
const MAX_ERROR_BODY_CHARS = 2_000

/**
 * PUTs a file to a storage URL, streamed from disk (each attempt reads it afresh) with an explicit
 * Content-Length, as storage services want. Node's `http` rather than `fetch`: fetch keeps every
 * chunk of a streamed request body until the exchange ends (measured: a 250 MB file took 250 MB).
 */
export async function putFile(
  url: string,
  headers: Readonly<Record<string, string>>,
  file: FileToPut,
  deadline: Deadline,
  policy?: RetryPolicy,
  cancel?: AbortSignal,
  onBytes?: (bytes: number) => void,
): Promise<ApiResult<void>> {
  return transferWithRetries(
    { method: 'PUT', url },
    file.size,
    async (signal, answered) => {
      if (!(await readable(file.localPath))) {
        return { kind: 'failure', reason: `${file.localPath} is gone or cannot be read` }
      }
      return putOnce(url, { ...headers, 'content-length': String(file.size) }, file.localPath, {
        signal,
        answered,
        onBytes,
      })
    },
    deadline,
    policy,
    cancel,
  )
}

function putOnce(
  url: string,
  headers: Record<string, string>,
  localPath: string,
  { signal, answered, onBytes }: PutHooks,
): Promise<HttpResult> {
  // Looked up at call time, so interceptors that patch the modules (msw in tests) see it.
  const request = url.startsWith('https:') ? https.request : http.request
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'PUT', headers, signal }, (response) => {
      answered()
      readResponse(response).then(resolve, reject)
    })
    const bytes = createReadStream(localPath)
    outgoing.on('error', reject)
    outgoing.on('close', () => bytes.destroy())
    bytes.on('error', (error) => {
      outgoing.destroy(error)
      reject(error)
    })
    if (onBytes !== undefined) bytes.on('data', (chunk) => onBytes(chunk.length))
    bytes.pipe(outgoing)
  })
}

async function readResponse(response: IncomingMessage): Promise<HttpResult> {
  let body = ''
  for await (const chunk of response) {
    if (body.length < MAX_ERROR_BODY_CHARS) body += String(chunk)
  }
  const status = response.statusCode ?? 0
  if (status >= 200 && status < 300) return { kind: 'success', status, body: '' }
  const retryAfter = response.headers['retry-after']
  return statusResult(status, body, typeof retryAfter === 'string' ? retryAfter : null)
}

async function readable(path: string): Promise<boolean> {
  try {
    await access(path)
    return true
  } catch {
    return false
  }
}
