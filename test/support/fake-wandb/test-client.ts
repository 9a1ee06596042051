import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { wandbTypesPath } from './schema-from-types.js'

export interface Reply {
  status: number
  headers: Headers
  body: unknown
}

export interface GraphqlReply extends Reply {
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string }> }
}

/** A plain fetch client, so the fake is tested the way any HTTP client would see it. */
export async function request(url: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(url, init)
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    body: text ? parseJson(text) : undefined,
  }
}

export function postJson(url: string, body: unknown, authorization?: string): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (authorization) headers.authorization = authorization
  return request(url, { method: 'POST', headers, body: JSON.stringify(body) })
}

export async function graphql(
  baseUrl: string,
  authorization: string | undefined,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphqlReply> {
  return (await postJson(`${baseUrl}/graphql`, { query, variables }, authorization)) as GraphqlReply
}

/** Resolves with the network error a failed fetch ends in (rejects if the fetch succeeds). */
export async function networkError(
  pending: Promise<unknown>,
): Promise<Error & { cause?: { code?: string } }> {
  try {
    await pending
  } catch (error) {
    return error as Error & { cause?: { code?: string } }
  }
  throw new Error('The request succeeded, but a network error was expected.')
}

export async function settlesWithin(pending: Promise<unknown>, ms: number): Promise<boolean> {
  const timer = new Promise<false>((resolve) => setTimeout(() => resolve(false), ms))
  return Promise.race([
    pending.then(
      () => true,
      () => true,
    ),
    timer,
  ])
}

/** The operation documents @wandb/sdk 0.5.1 sends, read from its build (not exported by the package). */
export async function wandbSdkDocuments(): Promise<
  Record<'upsertBucket' | 'viewer' | 'runUploadUrls', string>
> {
  const module = (await import(
    pathToFileURL(wandbTypesPath().replace(/\.d\.ts$/, '.js')).href
  )) as Record<string, unknown>
  return {
    upsertBucket: String(module.UpsertBucketDocument),
    viewer: String(module.ViewerDocument),
    runUploadUrls: String(module.RunUploadUrlsDocument),
  }
}

export function shippedTypesSource(): string {
  return readFileSync(wandbTypesPath(), 'utf8')
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
