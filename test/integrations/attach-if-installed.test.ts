import { Settings } from 'llamaindex'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { attachLlamaIndexIfInstalled } from '../../src/integrations/llamaindex.js'
import { RecordingTarget } from './support/fake-callback-manager.js'
import { settle } from './support/run-as-test.js'

afterEach(() => {
  vi.doUnmock('llamaindex')
  vi.resetModules()
})

describe('attachLlamaIndexIfInstalled', () => {
  it('attaches to the Settings.callbackManager of the installed llamaindex and returns its detach', async () => {
    const target = new RecordingTarget()

    const detach = await attachLlamaIndexIfInstalled({ target })
    Settings.callbackManager.dispatchEvent('query-start', { id: crypto.randomUUID(), query: 'x' })
    await settle()

    expect(detach).toBeTypeOf('function')
    expect(target.lines()).toEqual(['start query s1<root'])
    detach?.()
    Settings.callbackManager.dispatchEvent('query-start', { id: crypto.randomUUID(), query: 'y' })
    await settle()
    expect(target.lines()).toEqual(['start query s1<root'])
  })

  it('returns undefined when llamaindex cannot be imported', async () => {
    vi.doMock('llamaindex', () => {
      throw new Error('Cannot find package llamaindex')
    })
    vi.resetModules()
    const fresh = await import('../../src/integrations/llamaindex.js')

    expect(await fresh.attachLlamaIndexIfInstalled({ target: new RecordingTarget() })).toBe(
      undefined,
    )
  })
})
