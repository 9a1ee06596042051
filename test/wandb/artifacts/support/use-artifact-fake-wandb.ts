import { afterAll, afterEach, expect } from 'vitest'
import { useMswFakeWandb } from '../../../support/fake-wandb/use-fake-wandb.js'
import type { FakeWandb } from '../../../support/fake-wandb/index.js'
import { removeTempFolders } from './temp-folders.js'

/**
 * The msw fake W&B for an artifact test file, checked after each test: every GraphQL document it
 * got was valid, and no request carried the key where it does not belong. The temporary folders
 * go after the last test.
 */
export function useArtifactFakeWandb(): () => FakeWandb {
  const fake = useMswFakeWandb()
  afterEach(() => {
    expect(fake().invalidDocuments).toEqual([])
    expect(fake().keyLeaks).toEqual([])
  })
  afterAll(removeTempFolders)
  return fake
}
