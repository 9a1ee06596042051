export type StoredTarget =
  | { kind: 'run-file'; entity: string; project: string; run: string; file: string }
  | { kind: 'blob'; md5Hex: string }
  | { kind: 'manifest'; artifactId: string }

export type RouteMatch =
  | { route: 'graphql' }
  | { route: 'file_stream'; entity: string; project: string; run: string }
  | { route: 'upload'; target: StoredTarget }
  | { route: 'download'; target: StoredTarget; needsAuth: boolean }

const MD5_HEX = /^[0-9a-f]{32}$/

/** URL layout of the fake; the upload and download URLs it hands out point back here. */
export const paths = {
  runFile: (entity: string, project: string, run: string, file: string) =>
    `/upload/${[entity, project, run, ...file.split('/')].map(encodeURIComponent).join('/')}`,
  blob: (md5Hex: string) => `/storage/${md5Hex}`,
  manifest: (artifactId: string) => `/manifests/${encodeURIComponent(artifactId)}`,
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
  const target = storedTarget(head, rest)
  if (target && method === 'PUT') return { route: 'upload', target }
  if (target && method === 'GET') return { route: 'download', target, needsAuth: false }
  const artifactFile = artifactFileHex(head, rest)
  if (artifactFile && method === 'GET') {
    return { route: 'download', target: { kind: 'blob', md5Hex: artifactFile }, needsAuth: true }
  }
  return undefined
}

function storedTarget(head: string | undefined, rest: string[]): StoredTarget | undefined {
  if (head === 'upload' && rest.length >= 4) {
    const [entity = '', project = '', run = '', ...file] = rest
    return { kind: 'run-file', entity, project, run, file: file.join('/') }
  }
  if (head === 'storage' && rest.length === 1 && MD5_HEX.test(rest[0] ?? '')) {
    return { kind: 'blob', md5Hex: rest[0] ?? '' }
  }
  if (head === 'manifests' && rest.length === 1) {
    return { kind: 'manifest', artifactId: rest[0] ?? '' }
  }
  return undefined
}

/** W&B's own file URLs: /artifacts/{entity}/{md5} and /artifactsV2/{region}/…/{md5}[/{name}]. */
function artifactFileHex(head: string | undefined, rest: string[]): string | undefined {
  if (head === 'artifacts' && rest.length === 2 && MD5_HEX.test(rest[1] ?? '')) return rest[1]
  if (head !== 'artifactsV2' || rest.length < 4) return undefined
  return [rest.at(-1), rest.at(-2)].find((part) => MD5_HEX.test(part ?? ''))
}
