import { describe, expect, it } from 'vitest'
import { eventTypeName } from '../../src/callbacks/event-type-name.js'

describe('eventTypeName', () => {
  it('keeps known and unknown type names', () => {
    expect(eventTypeName('llm')).toBe('llm')
    expect(eventTypeName('my_custom_step')).toBe('my_custom_step')
  })

  it('names non-strings and empty names', () => {
    expect(eventTypeName(42)).toBe('42')
    expect(eventTypeName(Symbol('s'))).toBe('Symbol(s)')
    expect(eventTypeName('')).toBe('unknown')
    expect(
      eventTypeName({
        toString() {
          throw new Error('no')
        },
      }),
    ).toBe('[unprintable value]')
  })

  it('bounds very long names', () => {
    const name = eventTypeName('t'.repeat(500))
    expect(name.startsWith('t'.repeat(100))).toBe(true)
    expect(name).toContain('[truncated 400 of 500 chars]')
  })
})
