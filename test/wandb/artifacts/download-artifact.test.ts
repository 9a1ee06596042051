import { beforeAll, describe, expect, it } from 'vitest'
import { ArtifactCache } from '../../../src/indexes/artifact-cache.js'
import { downloadArtifact } from '../../../src/wandb/artifacts/download-artifact.js'
import { resolveArtifact } from '../../../src/wandb/artifacts/resolve-artifact.js'
import type { ResolvedVersion } from '../../../src/wandb/artifacts/resolve-artifact.js'
import { GraphqlClient } from '../../../src/wandb/graphql-client.js'
import { Deadline } from '../../../src/wandb/http/deadline.js'
import { FAST_RETRIES } from './support/fake-target.js'
import { logFiles } from './support/log-files.js'
import { tempFolder } from './support/temp-folders.js'
import { useArtifactFakeWandb } from './support/use-artifact-fake-wandb.js'

const PROJECT = 'download'
const FILES = Object.fromEntries(
  ['a', 'b/c', 'b/d', 'e/f/g', 'h', 'i', 'j/k'].map((path) => [`${path}.txt`, `${path}\n`]),
)

const fake = useArtifactFakeWandb()

beforeAll(async () => {
  await logFiles(fake(), PROJECT, 'seven', FILES)
})

async function resolved(name: string): Promise<ResolvedVersion> {
  const client = new GraphqlClient(fake().mswBaseUrl, fake().apiKey, FAST_RETRIES)
  const where = { entity: fake().entity, project: PROJECT, name, alias: 'v0' }
  const version = await resolveArtifact(client, where, new Deadline(5_000))
  if (!version.ok) throw new Error(version.reason)
  return version.value
}

describe('downloadArtifact', () => {
  it('asks for the download URLs of a page of files, fetches that page, then asks for the next', async () => {
    const version = await resolved('seven')
    expect(version.collection).toBe('seven')
    const start = fake().requests.length
    const downloaded = await downloadArtifact(version, new ArtifactCache(tempFolder('cache')), {
      baseUrl: fake().mswBaseUrl,
      apiKey: fake().apiKey,
      timeoutMs: 10_000,
      policy: FAST_RETRIES,
      fileUrlPageSize: 3,
    })
    expect(downloaded.ok && downloaded.value.files.map((file) => file.path).sort()).toEqual(
      Object.keys(FILES).sort(),
    )
    const steps = fake()
      .requests.slice(start)
      .filter((request) => !request.path.startsWith('/manifests/'))
      .map((request) => (request.operationName === 'ArtifactFileURLs' ? 'urls' : request.route))
    expect(steps).toEqual([
      ...['urls', 'download', 'download', 'download'],
      ...['urls', 'download', 'download', 'download'],
      ...['urls', 'download'],
    ])
  })
})
