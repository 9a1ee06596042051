import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { fileUrls } from '../../../src/wandb/artifacts/file-urls.js'
import { GraphqlClient } from '../../../src/wandb/graphql-client.js'
import { Deadline } from '../../../src/wandb/http/deadline.js'
import { FAST_RETRIES } from './support/fake-target.js'
import { logFiles } from './support/log-files.js'
import { useArtifactFakeWandb } from './support/use-artifact-fake-wandb.js'

const FILES = Object.fromEntries(
  ['a.txt', 'b/c.txt', 'b/d/e.txt', 'f.json', 'g.bin'].map((path) => [path, `${path} bytes\n`]),
)
const NAMES = Object.keys(FILES).sort()

const fake = useArtifactFakeWandb()
let artifactId: string

beforeAll(async () => {
  await logFiles(fake(), 'urls', 'paged', FILES)
  artifactId = fake().artifact('paged:v0', 'urls').id
})
afterEach(() => {
  Object.assign(fake().fileUrls, { given: true, maxPerPage: Number.POSITIVE_INFINITY })
})

const client = (): GraphqlClient =>
  new GraphqlClient(fake().mswBaseUrl, fake().apiKey, FAST_RETRIES)
const urlQueries = (): number =>
  fake().requests.filter((request) => request.operationName === 'ArtifactFileURLs').length

describe('fileUrls', () => {
  it('gives every named file the URL its bytes download from, following the pages the server answers in', async () => {
    fake().fileUrls.maxPerPage = 2
    const before = urlQueries()
    const got = await fileUrls(client(), artifactId, NAMES, new Deadline(5_000))
    if (!got.ok) throw new Error(got.reason)
    expect(urlQueries() - before).toBe(3)
    expect([...got.value.keys()].sort()).toEqual(NAMES)
    for (const [name, url] of got.value) {
      expect(url.startsWith(`${fake().mswBaseUrl}/signed/`)).toBe(true)
      const bytes = Buffer.from(await (await fetch(url)).arrayBuffer())
      expect(bytes.toString()).toBe(FILES[name])
    }
  })

  it('asks for the names it is given and no others', async () => {
    const got = await fileUrls(client(), artifactId, ['b/d/e.txt', 'g.bin'], new Deadline(5_000))
    expect(got.ok && [...got.value.keys()].sort()).toEqual(['b/d/e.txt', 'g.bin'])
  })

  it('leaves out the files W&B lists without a URL', async () => {
    fake().fileUrls.given = false
    const got = await fileUrls(client(), artifactId, NAMES, new Deadline(5_000))
    expect(got).toEqual({ ok: true, value: new Map() })
  })

  it('reports an artifact W&B does not know as a failure, not an exception', async () => {
    const unknown = Buffer.from('Artifact:999').toString('base64')
    const got = await fileUrls(client(), unknown, NAMES, new Deadline(5_000))
    expect(got).toEqual({ ok: false, reason: `W&B has no artifact with id ${unknown}` })
  })

  it('stops when a server repeats its cursor instead of paging forever', async () => {
    const cursors: unknown[] = []
    const page = {
      pageInfo: { hasNextPage: true, endCursor: 'same' },
      edges: [{ node: { name: 'a.txt', directUrl: 'https://storage.test/a' } }],
    }
    const stuck = {
      request: async (_document: string, variables: Record<string, unknown>) => {
        cursors.push(variables['cursor'])
        return { ok: true, value: { artifact: { files: page } } }
      },
    } as unknown as GraphqlClient
    const got = await fileUrls(stuck, artifactId, ['a.txt'], new Deadline(5_000))
    expect(cursors).toEqual([null, 'same'])
    expect(got).toEqual({ ok: true, value: new Map([['a.txt', 'https://storage.test/a']]) })
  })
})
