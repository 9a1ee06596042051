import { describe, expect, it } from 'vitest'
import { syncFailureCause } from '../../../src/wandb/sync/sync-failure-cause.js'

describe('syncFailureCause', () => {
  it('names a 401 or 403 from W&B a rejected key', () => {
    expect(syncFailureCause('HTTP 401: {"errors":[]}')).toBe('key-rejected')
    expect(syncFailureCause('HTTP 403')).toBe('key-rejected')
    expect(syncFailureCause('W&B rejected the API key (HTTP 401)')).toBe('key-rejected')
    expect(syncFailureCause('W&B rejected the API key (HTTP 403)')).toBe('key-rejected')
  })

  it('names timeouts, lost connections and busy or failing servers transient', () => {
    for (const reason of [
      'timed out after 3000 ms',
      'connection failed (ECONNREFUSED)',
      'no time left to send the request',
      'HTTP 429: slow down',
      'HTTP 503',
      'uploading a.json: HTTP 502',
      'HTTP 408',
    ])
      expect(syncFailureCause(reason)).toBe('transient')
  })

  it('names everything else permanent, a storage refusal of a signed address included', () => {
    for (const reason of [
      'HTTP 400: bad chunk',
      'HTTP 404',
      'GraphQL error: permission denied',
      'uploading a.json: HTTP 403: signature expired',
      'the run file a.json is missing from d/files',
    ])
      expect(syncFailureCause(reason)).toBe('permanent')
  })
})
