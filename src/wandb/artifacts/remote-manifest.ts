import type { ManifestEntry } from './manifest.js'
import { pathProblem } from './safe-path.js'

export interface RemoteEntry extends ManifestEntry {
  /** The artifact the file was first uploaded with, when it is not this one. */
  readonly birthArtifactID?: string
}

/** What a download needs of a manifest another client may have written. */
export interface RemoteManifest {
  readonly storageLayout: string
  readonly region: string
  readonly entries: readonly RemoteEntry[]
}

/** The manifest's entries, or what is wrong with it. */
export function readManifest(text: string): RemoteManifest | string {
  let json: {
    version?: unknown
    storagePolicyConfig?: { storageLayout?: unknown; storageRegion?: unknown }
    contents?: Record<
      string,
      { digest?: unknown; size?: unknown; ref?: unknown; birthArtifactID?: unknown }
    >
  }
  try {
    json = JSON.parse(text) as typeof json
  } catch {
    return 'is not JSON'
  }
  if (json.version !== 1 || typeof json.contents !== 'object' || json.contents === null) {
    return 'is not a version 1 W&B manifest'
  }
  const entries: RemoteEntry[] = []
  for (const [path, entry] of Object.entries(json.contents)) {
    const unsafe = pathProblem(path)
    if (unsafe !== undefined) return `is unsafe: ${unsafe}`
    if (entry.ref !== undefined)
      return `lists ${path} as a reference, which cannot be downloaded here`
    if (typeof entry.digest !== 'string' || typeof entry.size !== 'number')
      return `has no digest or size for ${path}`
    const birth =
      typeof entry.birthArtifactID === 'string' ? { birthArtifactID: entry.birthArtifactID } : {}
    entries.push({ path, digest: entry.digest, size: entry.size, ...birth })
  }
  const config = json.storagePolicyConfig ?? {}
  return {
    // A manifest that names no layout predates V2: W&B's client reads it as V1.
    storageLayout: typeof config.storageLayout === 'string' ? config.storageLayout : 'V1',
    region: typeof config.storageRegion === 'string' ? config.storageRegion : 'default',
    entries,
  }
}
