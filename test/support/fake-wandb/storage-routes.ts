import type { ResolverContext } from './graphql-objects.js'
import { md5Base64 } from './hashes.js'
import type { InspectedRequest } from './key-guard.js'
import { bytes, json, type FakeOutcome } from './outcome.js'
import type { DownloadTarget, RouteMatch, UploadTarget } from './routes.js'

type StorageMatch = Extract<RouteMatch, { route: 'upload' | 'download' }>

/** Signed-URL style storage: PUT stores bytes, GET returns them where the fake said they are. */
export function serveStorage(
  ctx: ResolverContext,
  match: StorageMatch,
  request: InspectedRequest,
): FakeOutcome {
  if (match.route === 'download') {
    const found = stored(ctx, match.target)
    return found
      ? bytes(200, found)
      : json(404, { error: `Nothing stored at ${request.url.pathname}.` })
  }
  const contentMd5 = request.headers['content-md5']
  const problem =
    contentMd5 !== undefined && contentMd5 !== md5Base64(request.body)
      ? `Content-MD5 ${contentMd5} does not match the uploaded bytes (${md5Base64(request.body)})`
      : store(ctx, match.target, request.body)
  if (!problem) return json(200, {})
  ctx.errors.push(`PUT ${request.url.pathname}: ${problem}`)
  return json(400, { error: problem })
}

function store(ctx: ResolverContext, target: UploadTarget, body: Uint8Array): string | undefined {
  if (target.kind === 'blob') return ctx.artifacts.putBlob(target.md5Hex, body)
  if (target.kind === 'manifest') return ctx.artifacts.putManifest(target.artifactId, body)
  const run = ctx.runs.find(target.entity, target.project, target.run)
  if (!run) return `no run ${target.entity}/${target.project}/${target.run} for this upload`
  run.uploads[target.file] = body
  run.uploadDigests[target.file] = md5Base64(body)
  return undefined
}

function stored(ctx: ResolverContext, target: DownloadTarget): Uint8Array | undefined {
  if (target.kind === 'manifest') return ctx.artifacts.find(target.artifactId)?.manifestBytes
  if (target.kind === 'signed') {
    const md5Hex = ctx.fileUrls.md5Of(target.token)
    return md5Hex === undefined ? undefined : ctx.artifacts.blobs.get(md5Hex)
  }
  // A server that hands out download URLs serves the files there only.
  if (target.kind === 'artifact-file') {
    return ctx.fileUrls.settings.given ? undefined : ctx.artifacts.fileAt(target.address)
  }
  return ctx.runs.find(target.entity, target.project, target.run)?.uploads[target.file]
}
