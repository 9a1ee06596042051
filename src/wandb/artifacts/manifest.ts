import { createHash } from 'node:crypto'

/** One file of an artifact: its POSIX path inside the artifact, base64 md5 and size in bytes. */
export interface ManifestEntry {
  readonly path: string
  readonly digest: string
  readonly size: number
}

/** `wandb_manifest.json` as W&B writes it (version 1, storage layout V2). */
export interface ArtifactManifestJson {
  readonly version: 1
  readonly storagePolicy: 'wandb-storage-policy-v1'
  readonly storagePolicyConfig: { readonly storageLayout: 'V2' }
  readonly contents: Record<string, { readonly digest: string; readonly size: number }>
}

export const MANIFEST_FILE_NAME = 'wandb_manifest.json'
export const STORAGE_POLICY = 'wandb-storage-policy-v1'
export const STORAGE_LAYOUT = 'V2'
const DIGEST_HEADER = 'wandb-artifact-manifest-v1\n'

/** W&B orders paths as Python sorts strings: by code point, which is UTF-8 byte order. */
export function comparePaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
}

export function sortedEntries(entries: readonly ManifestEntry[]): ManifestEntry[] {
  return [...entries].sort((a, b) => comparePaths(a.path, b.path))
}

/** The artifact digest: md5 over a header line and `<path>:<digest>` lines in sorted path order, hex. */
export function artifactDigest(entries: readonly ManifestEntry[]): string {
  const hash = createHash('md5').update(DIGEST_HEADER)
  for (const entry of sortedEntries(entries)) hash.update(`${entry.path}:${entry.digest}\n`)
  return hash.digest('hex')
}

export function manifestJson(entries: readonly ManifestEntry[]): ArtifactManifestJson {
  const contents: Record<string, { digest: string; size: number }> = {}
  for (const entry of sortedEntries(entries)) {
    contents[entry.path] = { digest: entry.digest, size: entry.size }
  }
  return {
    version: 1,
    storagePolicy: STORAGE_POLICY,
    storagePolicyConfig: { storageLayout: STORAGE_LAYOUT },
    contents,
  }
}

/** The manifest's bytes as uploaded, and their base64 md5 (what `createArtifactManifest` declares). */
export function manifestBytes(entries: readonly ManifestEntry[]): {
  bytes: Buffer
  digest: string
} {
  const bytes = Buffer.from(JSON.stringify(manifestJson(entries)))
  return { bytes, digest: createHash('md5').update(bytes).digest('base64') }
}
