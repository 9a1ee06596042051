import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { md5Base64, md5Hex } from './hashes.js'
import {
  createFakeWandb,
  manifestDigest,
  type ArtifactManifestJson,
  type FakeWandb,
} from './index.js'
import { graphql, request } from './test-client.js'

const CREATE = `mutation CreateArtifact($input: CreateArtifactInput!) {
  createArtifact(input: $input) { artifact { id state digest artifactSequence { id latestArtifact { id } } } }
}`
const MANIFEST = `mutation CreateArtifactManifest($input: CreateArtifactManifestInput!, $includeUpload: Boolean!) {
  createArtifactManifest(input: $input) {
    artifactManifest { id file { id directUrl uploadUrl @include(if: $includeUpload) uploadHeaders @include(if: $includeUpload) } }
  }
}`
const FILES = `mutation CreateArtifactFiles($input: CreateArtifactFilesInput!) {
  createArtifactFiles(input: $input) { files { edges { node { id name uploadUrl uploadHeaders artifact { id } } } } }
}`
const COMMIT = `mutation CommitArtifact($input: CommitArtifactInput!) {
  commitArtifact(input: $input) { artifact { id state versionIndex aliases { alias } } }
}`
const USE = `mutation UseArtifact($input: UseArtifactInput!) { useArtifact(input: $input) { artifact { id } run { name } } }`
const BY_NAME = `query ArtifactByName($entity: String!, $project: String!, $name: String!) {
  project(name: $project, entityName: $entity) {
    artifact(name: $name) { id digest state versionIndex aliases { alias } currentManifest { file { directUrl } } }
  }
}`

const FILE_URLS = `query ArtifactFileURLs($id: ID!, $names: [String!], $cursor: String, $perPage: Int) {
  artifact(id: $id) {
    files(names: $names, after: $cursor, first: $perPage) {
      pageInfo { hasNextPage endCursor }
      edges { node { name directUrl } }
    }
  }
}`

const HANDBOOK = { 'data/a.txt': 'alpha\n', 'b.json': '{"x": 1}\n' }

function manifestFor(files: Record<string, string>): ArtifactManifestJson {
  const contents = Object.fromEntries(
    Object.entries(files).map(([path, text]) => [
      path,
      { digest: md5Base64(Buffer.from(text)), size: Buffer.byteLength(text) },
    ]),
  )
  return {
    version: 1,
    storagePolicy: 'wandb-storage-policy-v1',
    storagePolicyConfig: { storageLayout: 'V2' },
    contents,
  }
}

function headersFrom(lines: string[]): Record<string, string> {
  return Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)]),
  )
}

/** The upload sequence from the W&B protocol, step by step, as a client would run it. */
async function logArtifact(
  fake: FakeWandb,
  files: Record<string, string>,
  options: { skipUpload?: string } = {},
) {
  const gql = (query: string, variables: Record<string, unknown>) =>
    graphql(fake.baseUrl, fake.authorization, query, variables)
  const manifest = manifestFor(files)
  const digest = manifestDigest(manifest)
  const where = { entityName: fake.entity, projectName: 'rag', runName: 'run-1' }
  const created = await gql(CREATE, {
    input: {
      ...where,
      artifactTypeName: 'storage_context',
      artifactCollectionName: 'handbook-index',
      digest,
      digestAlgorithm: 'MANIFEST_MD5',
      metadata: JSON.stringify({ root_id: 'n1' }),
      aliases: [{ alias: 'latest', artifactCollectionName: 'handbook-index' }],
      enableDigestDeduplication: true,
    },
  })
  const artifact = created.body.data?.createArtifact.artifact as { id: string; state: string }
  if (artifact.state === 'COMMITTED') return { artifact, uploaded: [] as string[] }
  const base = { ...where, artifactID: artifact.id, name: 'wandb_manifest.json', type: 'FULL' }
  const first = await gql(MANIFEST, { input: { ...base, digest: '' }, includeUpload: false })
  const manifestId = first.body.data?.createArtifactManifest.artifactManifest.id as string
  const specs = Object.entries(files).map(([name, text]) => ({
    artifactID: artifact.id,
    artifactManifestID: manifestId,
    name,
    md5: md5Base64(Buffer.from(text)),
  }))
  const declared = await gql(FILES, { input: { artifactFiles: specs, storageLayout: 'V2' } })
  const nodes = (
    declared.body.data?.createArtifactFiles.files.edges as Array<{
      node: { name: string; uploadUrl: string | null; uploadHeaders: string[] }
    }>
  ).map((e) => e.node)
  const uploaded: string[] = []
  for (const node of nodes) {
    if (!node.uploadUrl || node.name === options.skipUpload) continue
    const put = await request(node.uploadUrl, {
      method: 'PUT',
      headers: headersFrom(node.uploadHeaders),
      body: files[node.name as keyof typeof files],
    })
    expect(put.status).toBe(200)
    uploaded.push(node.name)
  }
  const manifestBytes = JSON.stringify(manifest)
  const second = await gql(MANIFEST, {
    input: { ...base, digest: md5Base64(Buffer.from(manifestBytes)) },
    includeUpload: true,
  })
  const manifestFile = second.body.data?.createArtifactManifest.artifactManifest.file as {
    uploadUrl: string
  }
  expect(
    (await request(manifestFile.uploadUrl, { method: 'PUT', body: manifestBytes })).status,
  ).toBe(200)
  const committed = await gql(COMMIT, { input: { artifactID: artifact.id } })
  return { artifact, uploaded, committed }
}

/** Each file's download URL, as the fake lists them for `names`. */
async function fileUrls(id: string, names: string[]): Promise<Record<string, string>> {
  const reply = await graphql(fake.baseUrl, fake.authorization, FILE_URLS, { id, names })
  const edges = reply.body.data?.artifact.files.edges as Array<{
    node: { name: string; directUrl: string }
  }>
  return Object.fromEntries(edges.map(({ node }) => [node.name, node.directUrl]))
}

/** W&B's computed address as its current client writes it, with project and collection. */
function fileAddress(artifactId: string, path: string, hex: string): string {
  const where = [fake.entity, 'rag', 'handbook-index', artifactId].map(encodeURIComponent)
  return `${fake.baseUrl}/artifactsV2/default/${where.join('/')}/${hex}/${path.split('/').pop()}`
}

/** The older form, without project and collection. */
function oldFileAddress(artifactId: string, path: string, hex: string): string {
  const where = [fake.entity, artifactId].map(encodeURIComponent).join('/')
  return `${fake.baseUrl}/artifactsV2/default/${where}/${hex}/${path.split('/').pop()}`
}

let fake: FakeWandb
beforeEach(async () => {
  fake = await createFakeWandb()
  await graphql(
    fake.baseUrl,
    fake.authorization,
    'mutation { upsertBucket(input: {name: "run-1", modelName: "rag"}) { inserted } }',
  )
})
afterEach(() => fake.close())

describe('artifacts', () => {
  it('stores a logged artifact and commits it with its version and aliases', async () => {
    const { artifact, uploaded, committed } = await logArtifact(fake, HANDBOOK)
    expect(artifact.state).toBe('PENDING')
    expect(uploaded.sort()).toEqual(['b.json', 'data/a.txt'])
    expect(committed?.body.data?.commitArtifact.artifact).toMatchObject({
      state: 'COMMITTED',
      versionIndex: 0,
    })
    const stored = fake.artifact('handbook-index:v0')
    expect(stored.digest).toBe('d1d5413d42a3ae0575d3965d8757cd37')
    expect(stored.aliases.sort()).toEqual(['latest', 'v0'])
    expect(stored.metadata).toEqual({ root_id: 'n1' })
    expect(stored.manifest?.contents['data/a.txt']?.digest).toBe('n5+Q2+Pl7hIYyGuIOdsZlQ==')
    expect(Buffer.from(stored.files['b.json'] ?? []).toString()).toBe('{"x": 1}\n')
    expect(fake.errors).toEqual([])
  })

  it('answers COMMITTED for content a committed version already has, and uploads nothing', async () => {
    const first = await logArtifact(fake, HANDBOOK)
    const again = await logArtifact(fake, HANDBOOK)
    expect(again.artifact).toMatchObject({ id: first.artifact.id, state: 'COMMITTED' })
    expect(again.uploaded).toEqual([])
    expect(fake.artifacts).toHaveLength(1)
  })

  it('asks only for bytes it does not have yet (null uploadUrl for a stored md5)', async () => {
    await logArtifact(fake, HANDBOOK)
    const changed = await logArtifact(fake, { ...HANDBOOK, 'b.json': '{"x": 2}\n' })
    expect(changed.uploaded).toEqual(['b.json'])
    expect(changed.committed?.body.data?.commitArtifact.artifact).toMatchObject({ versionIndex: 1 })
    expect(fake.artifact('handbook-index:latest').versionIndex).toBe(1)
    expect(fake.artifact('handbook-index:v0').aliases).toEqual(['v0'])
  })

  it('resolves name:alias to a manifest, and hands out URLs that alone serve the files', async () => {
    await logArtifact(fake, HANDBOOK)
    const found = await graphql(fake.baseUrl, fake.authorization, BY_NAME, {
      entity: fake.entity,
      project: 'rag',
      name: 'handbook-index:latest',
    })
    const artifact = found.body.data?.project.artifact
    expect(artifact).toMatchObject({
      digest: 'd1d5413d42a3ae0575d3965d8757cd37',
      state: 'COMMITTED',
      versionIndex: 0,
    })
    const manifest = (await request(artifact.currentManifest.file.directUrl))
      .body as ArtifactManifestJson
    expect(Object.keys(manifest.contents).sort()).toEqual(['b.json', 'data/a.txt'])
    const urls = await fileUrls(artifact.id, Object.keys(manifest.contents))
    for (const [path, entry] of Object.entries(manifest.contents)) {
      const response = await fetch(urls[path] ?? '')
      expect(md5Base64(new Uint8Array(await response.arrayBuffer()))).toBe(entry.digest)
      const hex = Buffer.from(entry.digest, 'base64').toString('hex')
      const auth = { headers: { authorization: fake.authorization } }
      expect((await request(fileAddress(artifact.id, path, hex), auth)).status).toBe(404)
      expect((await request(oldFileAddress(artifact.id, path, hex), auth)).status).toBe(404)
      expect((await request(`${fake.baseUrl}/storage/${hex}`)).status).toBe(404)
    }
    expect(urls['b.json']).not.toBe((await fileUrls(artifact.id, ['b.json']))['b.json'])
    expect((await request(`${fake.baseUrl}/signed/0123456789abcdef01234567`)).status).toBe(404)
    expect(fake.keyLeaks).toEqual([])
    const missing = await graphql(fake.baseUrl, fake.authorization, BY_NAME, {
      entity: fake.entity,
      project: 'rag',
      name: 'handbook-index:v9',
    })
    expect(missing.body.data?.project.artifact).toBeNull()
  })

  it("pages an artifact's files by cursor, never more a page than the server allows", async () => {
    const files = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((n) => [`${n}.txt`, `${n}\n`]))
    const { artifact } = await logArtifact(fake, files)
    fake.fileUrls.maxPerPage = 2
    const pages: Array<{ names: string[]; hasNextPage: boolean }> = []
    let cursor: string | null = null
    do {
      const reply = await graphql(fake.baseUrl, fake.authorization, FILE_URLS, {
        id: artifact.id,
        names: ['a.txt', 'b.txt', 'c.txt', 'e.txt', 'elsewhere.txt'],
        perPage: 50,
        cursor,
      })
      const page = reply.body.data?.artifact.files
      pages.push({
        names: page.edges.map((edge: { node: { name: string } }) => edge.node.name),
        hasNextPage: page.pageInfo.hasNextPage,
      })
      cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null
    } while (cursor !== null)
    expect(pages).toEqual([
      { names: ['a.txt', 'b.txt'], hasNextPage: true },
      { names: ['c.txt', 'e.txt'], hasNextPage: false },
    ])
    const one = await graphql(fake.baseUrl, fake.authorization, FILE_URLS, {
      id: artifact.id,
      perPage: 1,
    })
    expect(one.body.data?.artifact.files.edges).toHaveLength(1)
    expect(fake.invalidDocuments).toEqual([])
  })

  it("gives no URL when told to, and then serves W&B's computed address to the API key only", async () => {
    const { artifact } = await logArtifact(fake, HANDBOOK)
    fake.fileUrls.given = false
    const urls = await fileUrls(artifact.id, Object.keys(HANDBOOK))
    expect(urls).toEqual({ 'b.json': '', 'data/a.txt': '' })
    const hex = md5Hex(Buffer.from(HANDBOOK['data/a.txt']))
    const address = fileAddress(artifact.id, 'data/a.txt', hex)
    expect((await request(address)).status).toBe(401)
    const auth = { headers: { authorization: fake.authorization } }
    expect((await request(address, auth)).body).toBe('alpha\n')
    const otherCollection = address.replace('/handbook-index/', '/other-index/')
    expect((await request(otherCollection, auth)).status).toBe(404)
    const otherBirth = address.replace(encodeURIComponent(artifact.id), 'QXJ0aWZhY3Q6OTk=')
    expect((await request(otherBirth, auth)).status).toBe(404)
    expect((await request(fileAddress(artifact.id, 'b.json', hex), auth)).status).toBe(404)
    expect((await request(oldFileAddress(artifact.id, 'data/a.txt', hex), auth)).status).toBe(404)
    expect(fake.keyLeaks).toEqual([])
  })

  it('refuses to commit when bytes are missing, and rejects uploads whose md5 does not match', async () => {
    const { committed } = await logArtifact(fake, HANDBOOK, { skipUpload: 'data/a.txt' })
    expect(committed?.body.data?.commitArtifact).toBeNull()
    expect(committed?.body.errors?.[0]?.message).toContain('no bytes were uploaded for data/a.txt')
    expect(fake.artifacts[0]?.state).toBe('PENDING')
    const hex = Buffer.from(md5Base64(Buffer.from('alpha\n')), 'base64').toString('hex')
    expect(
      (await request(`${fake.baseUrl}/storage/${hex}`, { method: 'PUT', body: 'tampered' })).status,
    ).toBe(400)
    expect(fake.errors).toEqual([
      expect.stringContaining('no bytes were uploaded'),
      expect.stringContaining('md5'),
    ])
  })

  it('links a used artifact to the run', async () => {
    const { artifact } = await logArtifact(fake, HANDBOOK)
    const used = await graphql(fake.baseUrl, fake.authorization, USE, {
      input: {
        entityName: fake.entity,
        projectName: 'rag',
        runName: 'run-1',
        artifactID: artifact.id,
      },
    })
    expect(used.body.data?.useArtifact).toEqual({
      artifact: { id: artifact.id },
      run: { name: 'run-1' },
    })
    expect(fake.run('run-1').usedArtifactIds).toEqual([artifact.id])
  })
})
