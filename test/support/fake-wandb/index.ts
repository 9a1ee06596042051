import type { HttpHandler } from 'msw'
import type { FakeArtifact } from './artifacts-store.js'
import { FakeWandbCore, type RequestLogEntry } from './core.js'
import type { FailureRules } from './failures.js'
import type { FileUrlSettings } from './file-urls.js'
import type { InvalidDocument } from './graphql-endpoint.js'
import { basicAuthorization, type KeyLeak } from './key-guard.js'
import { LoopbackServer } from './loopback-server.js'
import { mswHandlers } from './msw-handlers.js'
import type { FakeRun } from './runs-store.js'

export interface FakeWandbOptions {
  /** Default: a 40-hex-digit key like W&B's. */
  apiKey?: string
  /** Strings besides the key that no request may carry anywhere (a token in a git remote, say). */
  secrets?: readonly string[]
  /** The viewer's entity, used when a client omits one. Default `test-entity`. */
  entity?: string
  username?: string
  /** Base URL the msw handlers answer. Default `http://wandb.test`. */
  mswBaseUrl?: string
  /** SDL (e.g. `extend type Artifact { … }`) for fields newer than the schema @wandb/sdk ships. */
  extensionSdl?: string
}

export interface FakeWandb {
  readonly apiKey: string
  readonly entity: string
  /** `Basic base64("api:" + apiKey)`. */
  readonly authorization: string
  /** The loopback server, e.g. `http://127.0.0.1:50123`. */
  readonly baseUrl: string
  readonly mswBaseUrl: string
  readonly handlers: HttpHandler[]
  readonly failures: FailureRules
  /** How artifact files are listed: with download URLs (the default) or none; change it to play another server. */
  readonly fileUrls: FileUrlSettings
  readonly runs: readonly FakeRun[]
  readonly artifacts: readonly FakeArtifact[]
  /** Artifact bytes (files and manifests) by hex md5. */
  readonly blobs: ReadonlyMap<string, Uint8Array>
  readonly requests: readonly RequestLogEntry[]
  readonly invalidDocuments: readonly InvalidDocument[]
  readonly keyLeaks: readonly KeyLeak[]
  /** Requests that carried one of the `secrets` (raw or URL-encoded) in their URL, a header or the body. */
  readonly secretLeaks: readonly KeyLeak[]
  /** Protocol errors the fake noticed (gaps, bad uploads, failed commits, resolver errors…). */
  readonly errors: readonly string[]
  /** Requests currently held by a `hang` failure. */
  readonly hangingCount: number
  /** The run named `name` (its id), in `project` when several projects have one. Throws when absent. */
  run(name: string, project?: string): FakeRun
  /** The artifact `collection:alias` (alias default `latest`, or `vN`, or a digest). Throws when absent. */
  artifact(ref: string, project?: string): FakeArtifact
  /** WANDB_API_KEY, WANDB_BASE_URL (the loopback URL unless given) and WANDB_ENTITY for a child process. */
  env(baseUrl?: string): Record<string, string>
  /** Releases hanging requests, stops the loopback server. Idempotent. */
  close(): Promise<void>
}

export const DEFAULT_API_KEY = '0123456789abcdef0123456789abcdef01234567'
export const DEFAULT_MSW_BASE_URL = 'http://wandb.test'

/** Starts a fake W&B backend, reachable over loopback HTTP and through msw handlers at once. */
export async function createFakeWandb(options: FakeWandbOptions = {}): Promise<FakeWandb> {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY
  const entity = options.entity ?? 'test-entity'
  const username = options.username ?? 'test-user'
  const mswBaseUrl = (options.mswBaseUrl ?? DEFAULT_MSW_BASE_URL).replace(/\/+$/, '')
  const core = new FakeWandbCore({
    apiKey,
    secrets: options.secrets ?? [],
    viewer: { entity, username, email: `${username}@example.com` },
    extensionSdl: options.extensionSdl ?? '',
  })
  const loopback = await LoopbackServer.start(core)
  let closed = false
  core.failures.onRefuseChange(async (refusing) => {
    if (refusing) await loopback.stopListening()
    else if (!closed) await loopback.listen()
  })
  return {
    apiKey,
    entity,
    authorization: basicAuthorization(apiKey),
    baseUrl: loopback.baseUrl,
    mswBaseUrl,
    handlers: mswHandlers(core, mswBaseUrl),
    failures: core.failures,
    fileUrls: core.fileUrls.settings,
    runs: core.runs.runs,
    artifacts: core.artifacts.artifacts,
    blobs: core.artifacts.blobs,
    requests: core.requests,
    invalidDocuments: core.invalidDocuments,
    keyLeaks: core.keyLeaks,
    secretLeaks: core.secretLeaks,
    get errors() {
      return [...core.errors, ...core.runs.runs.flatMap((r) => r.errors)]
    },
    get hangingCount() {
      return core.hangingCount
    },
    run: (name, project) => findRun(core, name, project),
    artifact: (ref, project) => findArtifact(core, entity, ref, project),
    env: (baseUrl = loopback.baseUrl) => ({
      WANDB_API_KEY: apiKey,
      WANDB_BASE_URL: baseUrl,
      WANDB_ENTITY: entity,
    }),
    close: async () => {
      if (closed) return
      closed = true
      core.close()
      await loopback.stopListening()
    },
  }
}

function findRun(core: FakeWandbCore, name: string, project?: string): FakeRun {
  const matches = core.runs.runs.filter(
    (r) => r.name === name && (!project || r.project === project),
  )
  if (matches.length === 1 && matches[0]) return matches[0]
  const known = core.runs.runs.map((r) => r.path).join(', ') || 'none'
  const problem = matches.length ? 'is ambiguous; pass the project' : 'was never created'
  throw new Error(`The fake W&B run ${name} ${problem} (runs: ${known}).`)
}

function findArtifact(
  core: FakeWandbCore,
  entity: string,
  ref: string,
  project?: string,
): FakeArtifact {
  const projects = project
    ? [project]
    : [...new Set(core.artifacts.artifacts.map((a) => a.project))]
  for (const p of projects) {
    const found = core.artifacts.resolve(entity, p, ref)
    if (found) return found
  }
  const known = core.artifacts.artifacts.map(
    (a) => `${a.project}/${a.collection} [${a.aliases.join(', ')}]`,
  )
  throw new Error(`The fake W&B has no artifact ${ref} (artifacts: ${known.join('; ') || 'none'}).`)
}

export { FakeRun } from './runs-store.js'
export { FakeArtifact } from './artifacts-store.js'
export { setupFakeWandbServer } from './msw-server.js'
export { wandbSchema, sdlFromCodegenTypes } from './schema-from-types.js'
export { manifestDigest } from './artifact-manifest.js'
export type { ArtifactManifestJson, ManifestEntry } from './artifact-manifest.js'
export type {
  FailureMode,
  FailureRule,
  FailureRuleInput,
  FailureTarget,
  FakeRoute,
} from './failures.js'
export type { FailureRules, FileUrlSettings, RequestLogEntry, InvalidDocument, KeyLeak }
