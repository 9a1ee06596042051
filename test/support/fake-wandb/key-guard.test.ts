import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFakeWandb, type FakeWandb } from './index.js'
import { findKeyLeaks, findSecretLeaks } from './key-guard.js'
import { graphql, request } from './test-client.js'

const KEY = 'feedfacefeedfacefeedfacefeedfacefeedface'

describe('findKeyLeaks', () => {
  const inspected = (over: Partial<Parameters<typeof findKeyLeaks>[0]>) => ({
    method: 'POST',
    url: new URL('http://wandb.test/graphql'),
    headers: {},
    body: new Uint8Array(),
    ...over,
  })

  it('accepts the key only as a correct Authorization header on routes that take it', () => {
    const authorization = `Basic ${Buffer.from(`api:${KEY}`).toString('base64')}`
    expect(findKeyLeaks(inspected({ headers: { authorization } }), KEY, true)).toEqual([])
    expect(findKeyLeaks(inspected({ headers: { authorization } }), KEY, false)).toEqual([
      { method: 'POST', path: '/graphql', where: 'header:authorization' },
    ])
    expect(
      findKeyLeaks(inspected({ headers: { authorization: `Bearer ${KEY}` } }), KEY, true),
    ).toHaveLength(1)
  })

  it('finds the key in the URL, other headers and the body, raw or Basic-encoded', () => {
    const basic = Buffer.from(`api:${KEY}`).toString('base64')
    const leaks = findKeyLeaks(
      inspected({
        url: new URL(`http://wandb.test/graphql?api_key=${KEY}`),
        headers: { 'x-debug': basic },
        body: Buffer.from(JSON.stringify({ config: { key: KEY } })),
      }),
      KEY,
      true,
    )
    expect(leaks.map((l) => l.where)).toEqual(['url', 'header:x-debug', 'body'])
  })
})

describe('findSecretLeaks', () => {
  const inspected = {
    method: 'POST',
    url: new URL('http://wandb.test/graphql?repo=https%3A%2F%2Fci%3Atok%2Fen%40host'),
    headers: { authorization: 'Basic tok/en', 'x-other': 'fine' },
    body: Buffer.from('{"jobRepo":"https://ci:s3cret@host"}'),
  }

  it('finds each secret, raw or URL-encoded, in the URL, any header and the body', () => {
    expect(findSecretLeaks(inspected, ['tok/en', 's3cret']).map((l) => l.where)).toEqual([
      'url',
      'header:authorization',
      'body',
    ])
    expect(findSecretLeaks(inspected, ['s3cret'])).toEqual([
      { method: 'POST', path: '/graphql', where: 'body' },
    ])
  })

  it('finds nothing when no secret is given or none occurs', () => {
    expect(findSecretLeaks(inspected, [])).toEqual([])
    expect(findSecretLeaks(inspected, ['absent-token'])).toEqual([])
  })
})

describe('key leak guard', () => {
  let fake: FakeWandb
  beforeEach(async () => {
    fake = await createFakeWandb({ apiKey: KEY })
  })
  afterEach(() => fake.close())

  it('records requests that carry the key outside the Authorization header', async () => {
    await graphql(fake.baseUrl, fake.authorization, '{ viewer { id } }')
    expect(fake.keyLeaks).toEqual([])
    const notes = `debug ${KEY}`
    await graphql(
      fake.baseUrl,
      fake.authorization,
      'mutation($n: String) { upsertBucket(input: {name: "r", notes: $n}) { inserted } }',
      { n: notes },
    )
    await request(`${fake.baseUrl}/upload/${fake.entity}/uncategorized/r/f.txt`, {
      method: 'PUT',
      headers: { authorization: fake.authorization },
      body: 'x',
    })
    expect(fake.keyLeaks).toEqual([
      { method: 'POST', path: '/graphql', where: 'body' },
      {
        method: 'PUT',
        path: `/upload/${fake.entity}/uncategorized/r/f.txt`,
        where: 'header:authorization',
      },
    ])
  })
})
