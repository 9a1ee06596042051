import { createHash } from 'node:crypto'
import { isRecord } from './runs-store.js'

export interface ManifestEntry {
  digest: string
  size?: number
  ref?: string
  birthArtifactID?: string
}

export interface ArtifactManifestJson {
  version: number
  storagePolicy: string
  storagePolicyConfig?: unknown
  contents: Record<string, ManifestEntry>
}

export function parseManifest(bytes: Uint8Array): ArtifactManifestJson | undefined {
  try {
    const json: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'))
    if (!isRecord(json) || json.version !== 1 || !isRecord(json.contents)) return undefined
    const entries = Object.values(json.contents)
    if (!entries.every((e) => isRecord(e) && typeof e.digest === 'string')) return undefined
    return json as unknown as ArtifactManifestJson
  } catch {
    return undefined
  }
}

/** W&B's artifact digest: md5 over a header line and "path:digest" lines in sorted path order. */
export function manifestDigest(manifest: ArtifactManifestJson): string {
  const hash = createHash('md5').update('wandb-artifact-manifest-v1\n')
  for (const path of Object.keys(manifest.contents).sort()) {
    hash.update(`${path}:${manifest.contents[path]?.digest}\n`)
  }
  return hash.digest('hex')
}
