import { describe, expect, it } from 'vitest'
import { DEFAULT_PAYLOAD_LIMITS } from '../../../src/trace/limits.js'
import { summarizePayload } from '../../../src/trace/shape/payload-view.js'

describe('summarizePayload', () => {
  it('copies a payload, replacing and adding summary keys', () => {
    const payload = { documents: [1, 2], keep: 'x', drop: 'y' }
    const out = summarizePayload(payload, DEFAULT_PAYLOAD_LIMITS, {
      documents: undefined,
      drop: 'replaced',
      num_documents: 2,
    })
    expect(out).toEqual({ keep: 'x', drop: 'replaced', num_documents: 2 })
  })

  it('never changes the payload it reads', () => {
    const payload = { documents: [{ text: 'a' }], nested: { n: 1 } }
    const before = structuredClone(payload)
    summarizePayload(payload, DEFAULT_PAYLOAD_LIMITS, { documents: undefined, extra: 1 })
    expect(payload).toEqual(before)
  })

  it('gives null for no payload and wraps non-objects', () => {
    expect(summarizePayload(undefined, DEFAULT_PAYLOAD_LIMITS)).toBeNull()
    expect(
      summarizePayload([1, 2] as unknown as Record<string, unknown>, DEFAULT_PAYLOAD_LIMITS),
    ).toEqual({
      value: [1, 2],
    })
  })

  it('gives an empty copy of a payload whose keys cannot be listed', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys')
        },
      },
    )
    expect(summarizePayload(hostile, DEFAULT_PAYLOAD_LIMITS, { added: true })).toEqual({
      added: true,
    })
  })
})
