import { describe, expect, it } from 'vitest'
import { readManifest } from '../../../src/wandb/artifacts/remote-manifest.js'

const ALPHA = { digest: 'n5+Q2+Pl7hIYyGuIOdsZlQ==', size: 6 }

function manifest(fields: Record<string, unknown>): string {
  return JSON.stringify({ version: 1, storagePolicy: 'wandb-storage-policy-v1', ...fields })
}

describe('readManifest', () => {
  it('reads the entries, the storage layout and region, and each birth artifact id', () => {
    const text = manifest({
      storagePolicyConfig: { storageLayout: 'V2', storageRegion: 'eu-west' },
      contents: { 'data/a.txt': { ...ALPHA, birthArtifactID: 'QmlydGg6MQ==' }, 'b.txt': ALPHA },
    })
    expect(readManifest(text)).toEqual({
      storageLayout: 'V2',
      region: 'eu-west',
      entries: [
        { path: 'data/a.txt', ...ALPHA, birthArtifactID: 'QmlydGg6MQ==' },
        { path: 'b.txt', ...ALPHA },
      ],
    })
  })

  it("takes a manifest that names no layout as V1 in the default region, as W&B's client does", () => {
    expect(readManifest(manifest({ contents: { 'a.txt': ALPHA } }))).toMatchObject({
      storageLayout: 'V1',
      region: 'default',
    })
    const noRegion = manifest({ storagePolicyConfig: { storageLayout: 'V2' }, contents: {} })
    expect(readManifest(noRegion)).toEqual({ storageLayout: 'V2', region: 'default', entries: [] })
  })

  it('says what is wrong with a manifest it cannot download from', () => {
    expect(readManifest('{')).toBe('is not JSON')
    expect(readManifest(JSON.stringify({ version: 2, contents: {} }))).toBe(
      'is not a version 1 W&B manifest',
    )
    expect(readManifest(manifest({ contents: { '../x': ALPHA } }))).toBe(
      'is unsafe: the artifact path "../x" is not a relative POSIX path',
    )
    expect(readManifest(manifest({ contents: { 'r.txt': { ...ALPHA, ref: 's3://b/r' } } }))).toBe(
      'lists r.txt as a reference, which cannot be downloaded here',
    )
    expect(readManifest(manifest({ contents: { 'a.txt': { size: 6 } } }))).toBe(
      'has no digest or size for a.txt',
    )
  })
})
