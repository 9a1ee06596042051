import type { RemoteEntry, RemoteManifest } from './remote-manifest.js'
import type { ResolvedVersion } from './resolve-artifact.js'

type Owner = Pick<ResolvedVersion, 'id' | 'entity' | 'project' | 'collection'>

/**
 * Where W&B serves a file it gave no download URL for, as its current client computes it
 * (`_file_url` of its storage policy): `{base}/artifactsV2/{region}/{entity}/{project}/{collection}/
 * {birth artifact id}/{md5 hex}/{file name}`, or `{base}/artifacts/{entity}/{md5 hex}` in layout V1.
 * A file first uploaded with this version has no birth artifact id of its own: this version's id.
 */
export function computedFileUrl(
  baseUrl: string,
  owner: Owner,
  manifest: Pick<RemoteManifest, 'storageLayout' | 'region'>,
  entry: RemoteEntry,
): string {
  const hex = Buffer.from(entry.digest, 'base64').toString('hex')
  const entity = encodeURIComponent(owner.entity)
  if (manifest.storageLayout === 'V1') return `${baseUrl}/artifacts/${entity}/${hex}`
  const where = [
    manifest.region,
    owner.entity,
    owner.project,
    owner.collection,
    entry.birthArtifactID ?? owner.id,
  ]
  const name = entry.path.split('/').pop() ?? entry.path
  return `${baseUrl}/artifactsV2/${where.map(encodeURIComponent).join('/')}/${hex}/${encodeURIComponent(name)}`
}
