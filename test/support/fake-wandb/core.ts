import { ArtifactsStore } from './artifacts-store.js'
import { FailureRules, type FailureMode, type FakeRoute } from './failures.js'
import { FileUrls } from './file-urls.js'
import {
  answerGraphql,
  operationNames,
  readGraphqlRequest,
  type GraphqlRequest,
  type InvalidDocument,
} from './graphql-endpoint.js'
import type { Viewer } from './graphql-objects.js'
import {
  basicAuthorization,
  findKeyLeaks,
  findSecretLeaks,
  type InspectedRequest,
  type KeyLeak,
} from './key-guard.js'
import { json, NETWORK_ERROR, type FakeOutcome } from './outcome.js'
import { matchRoute, type RouteMatch } from './routes.js'
import { RunsStore } from './runs-store.js'
import { wandbSchema } from './schema-from-types.js'
import { serveFileStream } from './file-stream-route.js'
import { serveStorage } from './storage-routes.js'

export interface FakeRequest extends InspectedRequest {
  signal: AbortSignal
}

export interface RequestLogEntry {
  method: string
  path: string
  route: FakeRoute | undefined
  /** GraphQL operation name, else the first root field. */
  operationName: string | undefined
  status: number | 'network-error' | 'pending'
  injected: FailureMode['kind'] | 'refused' | undefined
  durationMs: number
}

interface Parsed {
  match: RouteMatch | undefined
  graphql: GraphqlRequest | undefined
  operations: string[]
}

export interface CoreOptions {
  apiKey: string
  secrets: readonly string[]
  viewer: Viewer
  extensionSdl: string
}

/** The transport-free fake: both the msw handlers and the loopback server feed requests through here. */
export class FakeWandbCore {
  readonly runs = new RunsStore()
  readonly artifacts = new ArtifactsStore()
  readonly fileUrls = new FileUrls()
  readonly failures = new FailureRules()
  readonly requests: RequestLogEntry[] = []
  readonly invalidDocuments: InvalidDocument[] = []
  readonly keyLeaks: KeyLeak[] = []
  readonly secretLeaks: KeyLeak[] = []
  readonly errors: string[] = []
  private readonly schema
  private readonly hung = new Set<() => void>()
  private closed = false

  constructor(private readonly options: CoreOptions) {
    this.schema = wandbSchema(options.extensionSdl)
  }

  async handle(request: FakeRequest): Promise<FakeOutcome> {
    const started = performance.now()
    const match = matchRoute(request.method, request.url.pathname)
    const graphql = match?.route === 'graphql' ? readGraphqlRequest(request.body) : undefined
    const parsed = { match, graphql, operations: operationNames(graphql) }
    const entry: RequestLogEntry = {
      method: request.method,
      path: request.url.pathname,
      route: match?.route,
      operationName: graphql?.operationName ?? parsed.operations[0],
      status: 'pending',
      injected: undefined,
      durationMs: 0,
    }
    this.requests.push(entry)
    this.keyLeaks.push(...findKeyLeaks(request, this.options.apiKey, needsAuth(match)))
    this.secretLeaks.push(...findSecretLeaks(request, this.options.secrets))
    const outcome = await this.outcome(request, parsed, entry)
    entry.status = outcome.kind === 'response' ? outcome.status : 'network-error'
    entry.durationMs = performance.now() - started
    return outcome
  }

  /** Ends every hanging request with a network error; later hangs end at once. */
  close(): void {
    this.closed = true
    for (const release of [...this.hung]) release()
  }

  get hangingCount(): number {
    return this.hung.size
  }

  private async outcome(
    request: FakeRequest,
    parsed: Parsed,
    entry: RequestLogEntry,
  ): Promise<FakeOutcome> {
    if (this.failures.isRefusing) {
      entry.injected = 'refused'
      return NETWORK_ERROR
    }
    const rule = this.failures.match({ route: parsed.match?.route, operations: parsed.operations })
    entry.injected = rule?.mode.kind
    if (rule?.mode.kind === 'delay') {
      const waited = await this.waitOut(rule.mode.delayMs, request.signal)
      return waited ? this.serve(request, parsed) : NETWORK_ERROR
    }
    if (rule && !rule.afterApply) return this.fail(rule.mode, request.signal)
    const response = await this.serve(request, parsed)
    return rule ? this.fail(rule.mode, request.signal) : response
  }

  private async serve(request: FakeRequest, { match, graphql }: Parsed): Promise<FakeOutcome> {
    if (!match) {
      return json(404, { error: `No such W&B endpoint: ${request.method} ${request.url.pathname}` })
    }
    if (
      needsAuth(match) &&
      request.headers.authorization !== basicAuthorization(this.options.apiKey)
    ) {
      return json(401, { errors: [{ message: 'The API key is missing or wrong.' }] })
    }
    const ctx = {
      origin: request.url.origin,
      viewer: this.options.viewer,
      runs: this.runs,
      artifacts: this.artifacts,
      fileUrls: this.fileUrls,
      errors: this.errors,
    }
    if (match.route === 'graphql') {
      const { status, body } = await answerGraphql(graphql, this.schema, ctx, this.invalidDocuments)
      return json(status, body)
    }
    if (match.route === 'file_stream') {
      return serveFileStream(this.runs, match, request.body, this.errors)
    }
    return serveStorage(ctx, match, request)
  }

  private fail(
    mode: Exclude<FailureMode, { kind: 'delay' }>,
    signal: AbortSignal,
  ): FakeOutcome | Promise<FakeOutcome> {
    if (mode.kind === 'reset') return NETWORK_ERROR
    if (mode.kind === 'hang') return this.hangUntilReleased(signal)
    const headers: Record<string, string> =
      mode.retryAfterS === undefined ? {} : { 'retry-after': String(mode.retryAfterS) }
    return json(mode.status, { error: `Injected failure: HTTP ${mode.status}.` }, headers)
  }

  /** Waits `delayMs`; false when the client gave up or the fake closed first. */
  private waitOut(delayMs: number, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.hung.delete(release)
        signal.removeEventListener('abort', release)
        resolve(true)
      }, delayMs)
      const release = () => {
        clearTimeout(timer)
        this.hung.delete(release)
        resolve(false)
      }
      this.hung.add(release)
      if (signal.aborted || this.closed) release()
      else signal.addEventListener('abort', release, { once: true })
    })
  }

  private hangUntilReleased(signal: AbortSignal): Promise<FakeOutcome> {
    return new Promise((resolve) => {
      const release = () => {
        this.hung.delete(release)
        signal.removeEventListener('abort', release)
        resolve(NETWORK_ERROR)
      }
      this.hung.add(release)
      if (signal.aborted || this.closed) release()
      else signal.addEventListener('abort', release, { once: true })
    })
  }
}

function needsAuth(match: RouteMatch | undefined): boolean {
  if (!match || match.route === 'graphql' || match.route === 'file_stream') return true
  return match.route === 'download' && match.needsAuth
}
