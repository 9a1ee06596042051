import { describe, expect, it } from 'vitest'
import { syncFailureCause } from '../../../src/wandb/sync/sync-failure-cause.js'

describe('syncFailureCause', () => {
  it('names a 401 or 403 from the API of W&B a rejected key, whatever the reason says', () => {
    expect(syncFailureCause({ reason: 'W&B rejected the API key (HTTP 401)', status: 401 })).toBe(
      'key-rejected',
    )
    expect(syncFailureCause({ reason: 'anything', status: 403 })).toBe('key-rejected')
  })

  it('names timeouts, lost connections and busy or failing servers transient', () => {
    for (const status of [408, 429, 500, 503]) {
      expect(syncFailureCause({ reason: `HTTP ${status}`, status })).toBe('transient')
    }
    for (const reason of [
      'timed out after 3000 ms',
      'connection failed (ECONNREFUSED)',
      'no time left to send the request',
      'uploading a.json: HTTP 502',
    ])
      expect(syncFailureCause({ reason })).toBe('transient')
  })

  it('names everything else permanent, a storage refusal of a signed address included', () => {
    expect(syncFailureCause({ reason: 'HTTP 400: bad chunk', status: 400 })).toBe('permanent')
    expect(syncFailureCause({ reason: 'HTTP 404', status: 404 })).toBe('permanent')
    for (const reason of [
      'GraphQL error: permission denied',
      'uploading a.json: HTTP 403: signature expired',
      'HTTP 401 written in a reason that no status backs',
      'the run file a.json is missing from d/files',
    ])
      expect(syncFailureCause({ reason })).toBe('permanent')
  })
})
