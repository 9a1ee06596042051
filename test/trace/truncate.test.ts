import { describe, expect, it } from 'vitest'
import { truncateText } from '../../src/trace/truncate.js'

describe('truncateText', () => {
  it('keeps text that fits', () => {
    expect(truncateText('hello', 5)).toBe('hello')
    expect(truncateText('', 0)).toBe('')
  })

  it('cuts longer text and says how much was cut', () => {
    const cut = truncateText('abcdefghij', 4)
    expect(cut).toBe('abcd… [truncated 6 of 10 chars]')
    expect(cut.startsWith('abcd')).toBe(true)
  })

  it('does not split a surrogate pair at the cut', () => {
    const text = `abc${'😀'}def`
    const cut = truncateText(text, 4)
    expect(cut).toBe('abc… [truncated 5 of 8 chars]')
    expect(/[\uD800-\uDBFF]…/.test(cut)).toBe(false)
  })
})
