import { describe, expect, it } from 'vitest'
import { epochMs } from '../../src/events/cb-event.js'

describe('epochMs', () => {
  it('reads the current time as epoch milliseconds', () => {
    const before = Date.now()
    const now = epochMs()
    const after = Date.now()
    // It reads a monotonic clock from the process's start; the wall clock Date.now() reads may
    // drift from it by a few milliseconds, never by a factor (seconds, microseconds).
    expect(now).toBeGreaterThanOrEqual(before - 50)
    expect(now).toBeLessThanOrEqual(after + 50)
  })

  it('keeps sub-millisecond precision and never goes back', () => {
    const readings = Array.from({ length: 50 }, () => epochMs())
    expect(readings.some((reading) => !Number.isInteger(reading))).toBe(true)
    for (let index = 1; index < readings.length; index += 1) {
      expect(readings[index]).toBeGreaterThanOrEqual(readings[index - 1] as number)
    }
  })
})
