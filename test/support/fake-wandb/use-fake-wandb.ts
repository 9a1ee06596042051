import { afterAll, afterEach, beforeAll } from 'vitest'
import { createFakeWandb } from './index.js'
import type { FakeWandb } from './index.js'

/**
 * One fake W&B for a test file: started before its tests, its injected failures undone after each
 * test, closed after the last. Returns the running fake.
 */
export function useFakeWandb(): () => FakeWandb {
  let fake: FakeWandb | undefined
  beforeAll(async () => {
    fake = await createFakeWandb()
  })
  afterEach(async () => {
    await fake?.failures.restore()
  })
  afterAll(async () => {
    await fake?.close()
  })
  return () => {
    if (fake === undefined) throw new Error('the fake W&B is used before it was started')
    return fake
  }
}
