import { afterEach, describe, expect, it, vi } from 'vitest'
import { describeError, onWarning, warn } from '../src/warnings.js'

describe('warn', () => {
  let restore: (() => void) | undefined
  afterEach(() => {
    restore?.()
    restore = undefined
    vi.restoreAllMocks()
  })

  it('hands one prefixed line to the listener', () => {
    const lines: string[] = []
    restore = onWarning((line) => lines.push(line))
    warn('the sink is full.')
    expect(lines).toEqual(['vitest-wandb: the sink is full.'])
  })

  it('says the same message only once', () => {
    const lines: string[] = []
    restore = onWarning((line) => lines.push(line))
    warn('repeated')
    warn('repeated')
    warn('different')
    expect(lines).toEqual(['vitest-wandb: repeated', 'vitest-wandb: different'])
  })

  it('does not throw when the listener throws', () => {
    restore = onWarning(() => {
      throw new Error('listener broke')
    })
    expect(() => warn('still fine')).not.toThrow()
  })

  it('restores the previous listener and clears what was said', () => {
    const outer: string[] = []
    const inner: string[] = []
    restore = onWarning((line) => outer.push(line))
    const restoreInner = onWarning((line) => inner.push(line))
    warn('to inner')
    restoreInner()
    warn('to outer')
    expect(inner).toEqual(['vitest-wandb: to inner'])
    expect(outer).toEqual(['vitest-wandb: to outer'])
    onWarning((line) => outer.push(line))()
    warn('to outer')
    expect(outer).toEqual(['vitest-wandb: to outer', 'vitest-wandb: to outer'])
  })

  it('writes to stderr when no listener is set', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    warn(`stderr check ${Math.random()}`)
    expect(write).toHaveBeenCalledTimes(1)
    expect(String(write.mock.calls[0]?.[0])).toMatch(/^vitest-wandb: stderr check .*\n$/)
  })
})

describe('describeError', () => {
  it('names an Error by its name and first message line', () => {
    expect(describeError(new TypeError('bad input\nmore detail'))).toBe('TypeError: bad input')
  })

  it('prints anything else as text', () => {
    expect(describeError('plain')).toBe('plain')
    expect(describeError(42)).toBe('42')
    expect(describeError(undefined)).toBe('undefined')
  })

  it('survives values that cannot be printed', () => {
    const hostile = {
      toString() {
        throw new Error('no')
      },
    }
    expect(describeError(hostile)).toBe('an unprintable error')
    expect(describeError(Object.create(null))).toBe('an unprintable error')
  })
})
