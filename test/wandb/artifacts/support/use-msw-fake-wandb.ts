import type { SetupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { createFakeWandb, setupFakeWandbServer } from '../../../support/fake-wandb/index.js'
import type { FakeWandb } from '../../../support/fake-wandb/index.js'
import { removeTempFolders } from './temp-folders.js'

/**
 * One fake W&B behind msw for a test file: started before its tests; after each test, every
 * GraphQL document it got must have been valid and no request may have carried the key where it
 * does not belong, and its injected failures are undone; closed after the last test, with the
 * temporary folders. Returns the running fake.
 */
export function useMswFakeWandb(): () => FakeWandb {
  let fake: FakeWandb | undefined
  let server: SetupServer | undefined
  beforeAll(async () => {
    fake = await createFakeWandb()
    server = setupFakeWandbServer(fake)
    server.listen({ onUnhandledFrame: 'error' })
  })
  afterEach(async () => {
    expect(fake?.invalidDocuments).toEqual([])
    expect(fake?.keyLeaks).toEqual([])
    await fake?.failures.restore()
  })
  afterAll(async () => {
    server?.close()
    await fake?.close()
    removeTempFolders()
  })
  return () => {
    if (fake === undefined) throw new Error('the fake W&B is used before it was started')
    return fake
  }
}
