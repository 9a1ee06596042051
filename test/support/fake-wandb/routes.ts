type RunFile = { kind: 'run-file'; entity: string; project: string; run: string; file: string }
type Manifest = { kind: 'manifest'; artifactId: string }

export type UploadTarget = RunFile | Manifest | { kind: 'blob'; md5Hex: string }

export type DownloadTarget =
  | RunFile
  | Manifest
  | { kind: 'signed'; token: string }
  | { kind: 'artifact-file'; address: FileAddress }

/** The parts of `/artifactsV2/{region}/{entity}/{project}/{collection}/{birth id}/{md5}/{name}`. */
export interface FileAddress {
  region: string
  entity: string
  project: string
  collection: string
  birthArtifactId: string
  md5Hex: string
  name: string
}

export type RouteMatch =
  | { route: 'graphql' }
  | { route: 'file_stream'; entity: string; project: string; run: string }
  | { route: 'upload'; target: UploadTarget }
  | { route: 'download'; target: DownloadTarget; needsAuth: boolean }

const MD5_HEX = /^[0-9a-f]{32}$/

/** URL layout of the fake; the upload and download URLs it hands out point back here. */
export const paths = {
  runFile: (entity: string, project: string, run: string, file: string) =>
    `/upload/${[entity, project, run, ...file.split('/')].map(encodeURIComponent).join('/')}`,
  blob: (md5Hex: string) => `/storage/${md5Hex}`,
  manifest: (artifactId: string) => `/manifests/${encodeURIComponent(artifactId)}`,
  signed: (token: string) => `/signed/${token}`,
}

export function matchRoute(method: string, pathname: string): RouteMatch | undefined {
  let parts: string[]
  try {
    parts = pathname.split('/').slice(1).map(decodeURIComponent)
  } catch {
    return undefined
  }
  const [head, ...rest] = parts
  if (method === 'POST' && pathname === '/graphql') return { route: 'graphql' }
  if (method === 'POST' && head === 'files' && rest.length === 4 && rest[3] === 'file_stream') {
    const [entity = '', project = '', run = ''] = rest
    return { route: 'file_stream', entity, project, run }
  }
  const upload = uploadTarget(head, rest)
  if (upload && method === 'PUT') return { route: 'upload', target: upload }
  const download = downloadTarget(head, rest)
  if (download && method === 'GET') {
    return { route: 'download', target: download, needsAuth: download.kind === 'artifact-file' }
  }
  return undefined
}

function uploadTarget(head: string | undefined, rest: string[]): UploadTarget | undefined {
  if (head === 'storage' && rest.length === 1 && MD5_HEX.test(rest[0] ?? '')) {
    return { kind: 'blob', md5Hex: rest[0] ?? '' }
  }
  return runFileOrManifest(head, rest)
}

/** Artifact bytes are read only at a signed URL the fake handed out, or at W&B's computed address. */
function downloadTarget(head: string | undefined, rest: string[]): DownloadTarget | undefined {
  if (head === 'signed' && rest.length === 1) return { kind: 'signed', token: rest[0] ?? '' }
  const address = fileAddress(head, rest)
  if (address) return { kind: 'artifact-file', address }
  return runFileOrManifest(head, rest)
}

function runFileOrManifest(
  head: string | undefined,
  rest: string[],
): RunFile | Manifest | undefined {
  if (head === 'upload' && rest.length >= 4) {
    const [entity = '', project = '', run = '', ...file] = rest
    return { kind: 'run-file', entity, project, run, file: file.join('/') }
  }
  if (head === 'manifests' && rest.length === 1) {
    return { kind: 'manifest', artifactId: rest[0] ?? '' }
  }
  return undefined
}

/** Today's form only; the older `/artifactsV2/{region}/{entity}/{birth id}/…` and V1 forms are unknown here. */
function fileAddress(head: string | undefined, rest: string[]): FileAddress | undefined {
  if (head !== 'artifactsV2' || rest.length !== 7 || !MD5_HEX.test(rest[5] ?? '')) return undefined
  const [region = '', entity = '', project = '', collection = '', birthArtifactId = ''] = rest
  return {
    region,
    entity,
    project,
    collection,
    birthArtifactId,
    md5Hex: rest[5] ?? '',
    name: rest[6] ?? '',
  }
}
