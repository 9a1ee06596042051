import { describe, expect, it } from 'vitest'
import { isList, isRecord, readFirst, readKey, stringOf } from '../../src/trace/read.js'

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  return proxy
}

describe('readKey', () => {
  it('reads own, inherited, getter and symbol keys of objects and arrays', () => {
    class Response {
      get text(): string {
        return 'from a getter'
      }
    }
    const symbol = Symbol('tag')
    expect(readKey({ a: 1 }, 'a')).toBe(1)
    expect(readKey(new Response(), 'text')).toBe('from a getter')
    expect(readKey({ [symbol]: 'tagged' }, symbol)).toBe('tagged')
    expect(readKey(['x', 'y'], 1)).toBe('y')
  })

  it('is undefined for primitives, null, undefined and missing keys', () => {
    for (const value of ['text', 42, true, 10n, Symbol('s'), null, undefined]) {
      expect(readKey(value, 'length')).toBeUndefined()
    }
    expect(readKey({}, 'missing')).toBeUndefined()
  })

  it('is undefined, without throwing, for a throwing getter, a throwing proxy and a revoked proxy', () => {
    const throwingGetter = Object.defineProperty({}, 'boom', {
      get() {
        throw new Error('getter')
      },
    })
    const throwingProxy = new Proxy(
      {},
      {
        get() {
          throw new Error('trap')
        },
      },
    )
    expect(readKey(throwingGetter, 'boom')).toBeUndefined()
    expect(readKey(throwingProxy, 'any')).toBeUndefined()
    expect(readKey(revokedProxy(), 'any')).toBeUndefined()
  })
})

describe('readFirst', () => {
  it('returns the first key holding a value, skipping undefined and null but not other falsy values', () => {
    expect(readFirst({ a: undefined, b: null, c: 0, d: 'later' }, ['a', 'b', 'c', 'd'])).toBe(0)
    expect(readFirst({ b: '' }, ['a', 'b'])).toBe('')
    expect(readFirst({ a: null }, ['a', 'b'])).toBeUndefined()
    expect(readFirst('text', ['length'])).toBeUndefined()
  })

  it('goes on past a key whose getter throws', () => {
    const value = Object.defineProperty({ next: 'found' }, 'first', {
      get() {
        throw new Error('getter')
      },
    })
    expect(readFirst(value, ['first', 'next'])).toBe('found')
  })
})

describe('isList', () => {
  it('is Array.isArray, and false instead of throwing for a revoked proxy', () => {
    expect(isList([])).toBe(true)
    expect(isList(new Proxy(['a'], {}))).toBe(true)
    expect(isList({ length: 1, 0: 'a' })).toBe(false)
    expect(isList('text')).toBe(false)
    expect(() => Array.isArray(revokedProxy())).toThrow(TypeError)
    expect(isList(revokedProxy())).toBe(false)
  })
})

describe('isRecord', () => {
  it('is true for objects that are not arrays', () => {
    expect(isRecord({})).toBe(true)
    expect(isRecord(new Map())).toBe(true)
    expect(isRecord([])).toBe(false)
    expect(isRecord(null)).toBe(false)
    expect(isRecord('text')).toBe(false)
  })
})

describe('stringOf', () => {
  it('is String(value), and a fixed text when that throws', () => {
    expect(stringOf(42)).toBe('42')
    expect(stringOf(Symbol('s'))).toBe('Symbol(s)')
    expect(stringOf({ toString: () => 'custom' })).toBe('custom')
    const unprintable = {
      toString() {
        throw new Error('no')
      },
    }
    expect(stringOf(unprintable)).toBe('[unprintable value]')
    expect(stringOf(Object.create(null))).toBe('[unprintable value]')
  })
})
