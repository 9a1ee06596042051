import { describe, expect, it } from 'vitest'
import { DEFAULT_PAYLOAD_LIMITS, payloadLimits } from '../../src/trace/limits.js'

describe('payloadLimits', () => {
  it('uses the defaults when no character limit is given', () => {
    expect(payloadLimits(undefined)).toBe(DEFAULT_PAYLOAD_LIMITS)
    expect(DEFAULT_PAYLOAD_LIMITS.maxChars).toBe(4096)
  })

  it('replaces only the character limit', () => {
    expect(payloadLimits(64)).toEqual({ ...DEFAULT_PAYLOAD_LIMITS, maxChars: 64 })
  })

  it('rejects limits that are too small or not whole', () => {
    expect(() => payloadLimits(15)).toThrow(RangeError)
    expect(() => payloadLimits(100.5)).toThrow(/whole number of at least 16/)
    expect(() => payloadLimits(Number.NaN)).toThrow(RangeError)
  })
})
