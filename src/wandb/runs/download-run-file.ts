import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { writeHashed } from '../artifacts/download-file.js'
import { transferMs, transferWithRetries } from '../artifacts/streamed-exchange.js'
import type { RunPath } from '../file-stream.js'
import type { ApiResult, GraphqlClient } from '../graphql-client.js'
import { Deadline } from '../http/deadline.js'
import { errorResult } from '../http/timed-exchange.js'
import { missingFile, runLabel, storedRunFile } from './stored-run-file.js'
import type { StoredRunFile } from './stored-run-file.js'

export interface RunFileOptions {
  /** The longest the look-up may take; the download gets as long again, plus time for its size. */
  readonly timeoutMs: number
  /** Why a run may lack the file, said after "the run … has no file …". */
  readonly whyMissing?: string
  readonly cancel?: AbortSignal
}

/**
 * Downloads the run file `name` to `toPath`: asks W&B where it is stored, then streams it from
 * there, retried as the client retries, into a temporary sibling that is renamed into place only
 * once it is whole and matches the size and md5 W&B gives. A file that is missing, or not stored
 * where W&B says (404), is said as such.
 */
export async function downloadRunFile(
  client: GraphqlClient,
  run: RunPath,
  name: string,
  toPath: string,
  options: RunFileOptions,
): Promise<ApiResult<void>> {
  const lookup = new Deadline(options.timeoutMs)
  const stored = await storedRunFile(client, run, name, options.whyMissing, lookup, options.cancel)
  if (!stored.ok) return stored
  const partial = `${toPath}.${randomBytes(6).toString('hex')}.part`
  try {
    await mkdir(dirname(toPath), { recursive: true })
    const got = await fetchInto(client, stored.value, partial, options)
    if (!got.ok && got.status === 404) return missingFile(run, name, options.whyMissing)
    if (!got.ok)
      return {
        ...got,
        reason: `could not download ${name} of the run ${runLabel(run)}: ${got.reason}`,
      }
    await rename(partial, toPath)
    return { ok: true, value: undefined }
  } catch (error) {
    return { ok: false, reason: `could not write ${toPath} (${(error as Error).message})` }
  } finally {
    await rm(partial, { force: true }).catch(() => undefined)
  }
}

/** GETs the stored file into `target`; no API key goes to the storage URL (it is signed). */
function fetchInto(
  client: GraphqlClient,
  file: StoredRunFile,
  target: string,
  options: RunFileOptions,
): Promise<ApiResult<void>> {
  const bytes = file.sizeBytes ?? 0
  return transferWithRetries(
    { method: 'GET', url: file.url },
    bytes,
    async (signal, answered) => {
      const response = await fetch(file.url, { signal })
      answered()
      if (!response.ok) return errorResult(response)
      const problem = corruption(file, await writeHashed(response, target))
      if (problem !== undefined) return { kind: 'failure', reason: problem }
      return { kind: 'success', status: response.status, body: '' }
    },
    new Deadline(options.timeoutMs + transferMs(bytes)),
    client.policy,
    options.cancel,
  )
}

/** What is wrong with the bytes that arrived, when they differ from what W&B says it stores. */
function corruption(
  file: StoredRunFile,
  got: { digest: string; size: number },
): string | undefined {
  const sizeWrong = file.sizeBytes !== undefined && got.size !== file.sizeBytes
  const md5Wrong = file.md5 !== undefined && !sameMd5(file.md5, got.digest)
  if (!sizeWrong && !md5Wrong) return undefined
  return `the download is corrupt: md5 ${got.digest} and ${got.size} bytes, but W&B says ${file.md5 ?? 'no md5'} and ${file.sizeBytes === undefined ? 'no size' : `${file.sizeBytes} bytes`}`
}

/** W&B gives md5s in base64, as its storage does; hex is taken as well. */
function sameMd5(given: string, base64: string): boolean {
  return given === base64 || given.toLowerCase() === Buffer.from(base64, 'base64').toString('hex')
}
