import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computedFileUrl } from '../../../src/wandb/artifacts/computed-file-url.js'

const BASE = 'https://api.wandb.test'
const OWNER = { id: 'QXJ0aWZhY3Q6Nw==', entity: 'me', project: 'rag', collection: 'handbook-index' }
const V2 = { storageLayout: 'V2', region: 'default' }
const ALPHA = { path: 'data/a.txt', digest: 'n5+Q2+Pl7hIYyGuIOdsZlQ==', size: 6 }
const ALPHA_HEX = '9f9f90dbe3e5ee1218c86b8839db1995'

describe('computedFileUrl', () => {
  it("writes today's form: region, entity, project, collection, this version's id, md5 hex, file name", () => {
    expect(computedFileUrl(BASE, OWNER, V2, ALPHA)).toBe(
      `${BASE}/artifactsV2/default/me/rag/handbook-index/QXJ0aWZhY3Q6Nw%3D%3D/${ALPHA_HEX}/a.txt`,
    )
    const eu = computedFileUrl(BASE, OWNER, { ...V2, region: 'eu-west' }, ALPHA)
    expect(eu.startsWith(`${BASE}/artifactsV2/eu-west/me/rag/handbook-index/`)).toBe(true)
  })

  it("uses the entry's birth artifact id for a file first uploaded with another version", () => {
    const url = computedFileUrl(BASE, OWNER, V2, { ...ALPHA, birthArtifactID: 'QmlydGg6MQ==' })
    expect(url).toBe(
      `${BASE}/artifactsV2/default/me/rag/handbook-index/QmlydGg6MQ%3D%3D/${ALPHA_HEX}/a.txt`,
    )
    expect(url).not.toContain(encodeURIComponent(OWNER.id))
  })

  it('writes the V1 form, entity and md5 hex only, for a manifest in storage layout V1', () => {
    expect(computedFileUrl(BASE, OWNER, { ...V2, storageLayout: 'V1' }, ALPHA)).toBe(
      `${BASE}/artifacts/me/${ALPHA_HEX}`,
    )
  })

  it('keeps every part one path segment, whatever the names hold', () => {
    const part = fc.string({ minLength: 1, maxLength: 12 })
    const segment = part.filter((s) => !s.includes('/'))
    const path = fc.array(segment, { minLength: 1, maxLength: 3 })
    fc.assert(
      fc.property(part, part, part, path, (...parts) => {
        const [entity, project, collection, segments] = parts
        const digest = createHash('md5').update(segments.join('/')).digest('base64')
        const entry = { path: segments.join('/'), digest, size: 1 }
        const url = computedFileUrl(BASE, { ...OWNER, entity, project, collection }, V2, entry)
        const decoded = url
          .slice(BASE.length + 1)
          .split('/')
          .map(decodeURIComponent)
        expect(decoded).toEqual([
          'artifactsV2',
          'default',
          entity,
          project,
          collection,
          OWNER.id,
          Buffer.from(digest, 'base64').toString('hex'),
          segments.at(-1),
        ])
      }),
    )
  })
})
