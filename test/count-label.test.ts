import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { countLabel, formatCount } from '../src/count-label.js'

describe('formatCount', () => {
  it('groups thousands with commas, as en-US does', () => {
    expect(formatCount(0)).toBe('0')
    expect(formatCount(999)).toBe('999')
    expect(formatCount(1000)).toBe('1,000')
    expect(formatCount(1_234_567)).toBe('1,234,567')
    expect(formatCount(-12_000)).toBe('-12,000')
  })

  it('agrees with Intl.NumberFormat for every safe integer', () => {
    const format = new Intl.NumberFormat('en-US')
    fc.assert(
      fc.property(fc.maxSafeInteger(), (value) => {
        expect(formatCount(value)).toBe(format.format(value))
      }),
    )
  })

  it('leaves values that are not safe integers as JavaScript writes them', () => {
    expect(formatCount(1.5)).toBe('1.5')
    expect(formatCount(Number.NaN)).toBe('NaN')
  })
})

describe('countLabel', () => {
  it('puts the noun in the plural unless the count is one', () => {
    expect(countLabel(1, 'row')).toBe('1 row')
    expect(countLabel(0, 'row')).toBe('0 rows')
    expect(countLabel(1200, 'row')).toBe('1,200 rows')
  })
})
