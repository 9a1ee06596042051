import type { SetupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { createFakeWandb, setupFakeWandbServer } from './index.js'
import type { FakeWandb } from './index.js'

/**
 * One fake W&B for the calling test file, on a loopback port (for child processes): started before
 * its tests, its injected failures undone after each test, closed after the last.
 */
export function useFakeWandb(): () => FakeWandb {
  return useFake(async () => {
    const fake = await createFakeWandb()
    return { fake, stop: () => fake.close() }
  })
}

/** The same, reached in-process through msw (`fake.mswBaseUrl`) as well. */
export function useMswFakeWandb(): () => FakeWandb {
  return useFake(async () => {
    const fake = await createFakeWandb()
    const server: SetupServer = setupFakeWandbServer(fake)
    server.listen({ onUnhandledFrame: 'error' })
    return {
      fake,
      stop: async () => {
        server.close()
        await fake.close()
      },
    }
  })
}

interface Started {
  readonly fake: FakeWandb
  readonly stop: () => Promise<void>
}

function useFake(start: () => Promise<Started>): () => FakeWandb {
  let started: Started | undefined
  beforeAll(async () => {
    started = await start()
  })
  afterEach(async () => {
    await started?.fake.failures.restore()
  })
  afterAll(async () => {
    await started?.stop()
  })
  return () => {
    if (started === undefined) throw new Error('the fake W&B is used before it was started')
    return started.fake
  }
}
