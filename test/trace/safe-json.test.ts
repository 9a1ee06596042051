import { describe, expect, it } from 'vitest'
import { DEFAULT_PAYLOAD_LIMITS } from '../../src/trace/limits.js'
import type { PayloadLimits } from '../../src/trace/limits.js'
import { toSafeJson, toSafeJsonPicking } from '../../src/trace/safe-json.js'

const limits = DEFAULT_PAYLOAD_LIMITS

function roundTrips(value: unknown): void {
  expect(JSON.parse(JSON.stringify(value))).toEqual(value)
}

describe('toSafeJson', () => {
  it('keeps plain JSON as it is', () => {
    const value = { a: 1, b: 'two', c: [true, null, { d: 1.5 }] }
    expect(toSafeJson(value, limits)).toEqual(value)
    expect(toSafeJson(undefined, limits)).toBeNull()
  })

  it('writes BigInt, symbols and functions as text', () => {
    const out = toSafeJson(
      { big: 12345678901234567890n, sym: Symbol('tag'), named: function load() {}, anon: () => 1 },
      limits,
    )
    expect(out).toEqual({
      big: '12345678901234567890n',
      sym: 'Symbol(tag)',
      named: '[Function load]',
      anon: '[Function anon]',
    })
    expect(
      toSafeJson(
        [
          (
            () => () =>
              1
          )(),
        ],
        limits,
      ),
    ).toEqual(['[Function anonymous]'])
    roundTrips(out)
  })

  it('writes NaN and infinities as text', () => {
    const out = toSafeJson([Number.NaN, Infinity, -Infinity, 0, -2.5], limits)
    expect(out).toEqual(['NaN', 'Infinity', '-Infinity', 0, -2.5])
    roundTrips(out)
  })

  it('marks cycles and keeps shared references', () => {
    const shared = { x: 1 }
    const cyclic: Record<string, unknown> = { shared, again: shared }
    cyclic['self'] = cyclic
    cyclic['list'] = [cyclic, shared]
    const out = toSafeJson(cyclic, limits)
    expect(out).toEqual({
      shared: { x: 1 },
      again: { x: 1 },
      self: '[Circular]',
      list: ['[Circular]', { x: 1 }],
    })
    roundTrips(out)
  })

  it('copies the own enumerable fields of class instances', () => {
    class Point {
      #secret = 'hidden'
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
      get sum(): number {
        return this.x + this.y
      }
      reveal(): string {
        return this.#secret
      }
    }
    const out = toSafeJson(new Point(1, 2), limits)
    expect(out).toEqual({ x: 1, y: 2 })
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
  })

  it('writes Errors with their name, message, stack and cause', () => {
    const error = new Error('outer', { cause: new TypeError('inner') })
    const out = toSafeJson(error, limits) as Record<string, unknown>
    expect(out['name']).toBe('Error')
    expect(out['message']).toBe('outer')
    expect(out['stack']).toMatch(/^Error: outer/)
    expect(out['cause']).toMatchObject({ name: 'TypeError', message: 'inner' })
    const selfCaused = new Error('loop')
    selfCaused.cause = selfCaused
    expect((toSafeJson(selfCaused, limits) as Record<string, unknown>)['cause']).toBe('[Circular]')
    roundTrips(out)
  })

  it('writes Maps as objects and Sets as lists', () => {
    const key = { composite: true }
    const map = new Map<unknown, unknown>([
      ['a', 1],
      [2, new Set(['x', 'y'])],
      [key, 'object key'],
      [Symbol.for('s'), 's'],
    ])
    const out = toSafeJson(map, limits)
    expect(out).toEqual({ a: 1, '2': ['x', 'y'], '[Object]': 'object key', 'Symbol(s)': 's' })
    roundTrips(out)
  })

  it('keeps readable fields of a proxy whose getters throw', () => {
    const proxy = new Proxy(
      { ok: 1, bad: 2 },
      {
        get(target, key) {
          if (key === 'bad') throw new Error('no reading bad')
          return Reflect.get(target, key)
        },
      },
    )
    const getter = {
      fine: true,
      get broken(): never {
        throw new Error('getter broke')
      },
    }
    expect(toSafeJson(proxy, limits)).toEqual({ ok: 1, bad: '[Unreadable]' })
    expect(toSafeJson(getter, limits)).toEqual({ fine: true, broken: '[Unreadable]' })
  })

  it('marks a proxy that cannot even be inspected', () => {
    const noKeys = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys')
        },
      },
    )
    const { proxy: revoked, revoke } = Proxy.revocable({}, {})
    revoke()
    expect(toSafeJson(noKeys, limits)).toBe('[Unserializable Object]')
    expect(toSafeJson({ inner: revoked }, limits)).toEqual({ inner: '[Unserializable Object]' })
  })

  it('keeps a __proto__ key as data without touching any prototype', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}}')
    const out = toSafeJson(hostile, limits) as Record<string, unknown>
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(Object.hasOwn(out, '__proto__')).toBe(true)
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ polluted: true })
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(JSON.stringify(out)).toBe(
      '{"__proto__":{"polluted":true},"constructor":{"prototype":1}}',
    )
  })

  it('summarizes binary data instead of copying it', () => {
    const out = toSafeJson(
      {
        bytes: new Uint8Array([1, 2, 3, 4]),
        floats: new Float64Array(2),
        view: new DataView(new ArrayBuffer(3)),
        buffer: new ArrayBuffer(5),
      },
      limits,
    )
    expect(out).toEqual({
      bytes: '[Uint8Array of 4 bytes]',
      floats: '[Float64Array of 16 bytes]',
      view: '[DataView of 3 bytes]',
      buffer: '[ArrayBuffer of 5 bytes]',
    })
  })

  it('writes Dates as ISO text and other built-ins as tags', () => {
    const out = toSafeJson(
      {
        when: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)),
        never: new Date(Number.NaN),
        pattern: /a+b/gi,
        weak: new WeakMap(),
        pending: Promise.resolve(1),
      },
      limits,
    )
    expect(out).toEqual({
      when: '2024-01-02T03:04:05.006Z',
      never: 'Invalid Date',
      pattern: '/a+b/gi',
      weak: '[WeakMap]',
      pending: '[Promise]',
    })
  })

  it('leaves out undefined fields and writes undefined items as null', () => {
    expect(toSafeJson({ a: undefined, b: 1 }, limits)).toEqual({ b: 1 })
    expect(toSafeJson([undefined, 1], limits)).toEqual([null, 1])
  })

  it('bounds strings, lists, keys and depth', () => {
    const small: PayloadLimits = { maxChars: 16, maxItems: 2, maxKeys: 2, maxDepth: 2 }
    expect(toSafeJson('x'.repeat(20), small)).toBe(`${'x'.repeat(16)}… [truncated 4 of 20 chars]`)
    expect(toSafeJson([1, 2, 3, 4], small)).toEqual([1, 2, '[2 more items]'])
    expect(toSafeJson(new Set([1, 2, 3]), small)).toEqual([1, 2, '[1 more items]'])
    expect(toSafeJson({ a: 1, b: 2, c: 3 }, small)).toEqual({ a: 1, b: 2, '…': '[1 more keys]' })
    expect(toSafeJson({ one: { two: { three: 3 } } }, { ...small, maxChars: 32 })).toEqual({
      one: { two: '[Object: nested too deep]' },
    })
  })

  it('cuts a name inside a tag so that the whole tag fits the limit', () => {
    const fits: PayloadLimits = { ...limits, maxChars: 64 }
    const namedFunction = (name: string): unknown =>
      Object.defineProperty(() => undefined, 'name', { value: name })
    const namedClass = (name: string): object => {
      const instance = new WeakMap()
      Object.setPrototypeOf(instance, { constructor: { name } })
      return instance
    }
    expect(toSafeJson(namedFunction('a'.repeat(53)), fits)).toBe(`[Function ${'a'.repeat(53)}]`)
    expect(toSafeJson(namedFunction('a'.repeat(54)), fits)).toBe(
      `[Function ${'a'.repeat(53)}… [truncated 1 of 54 chars]]`,
    )
    const deep = { ...fits, maxDepth: 0 }
    expect(toSafeJson(namedClass('b'.repeat(45)), deep)).toBe(
      `[${'b'.repeat(45)}: nested too deep]`,
    )
    expect(toSafeJson(namedClass('b'.repeat(50)), deep)).toBe(
      `[${'b'.repeat(45)}… [truncated 5 of 50 chars]: nested too deep]`,
    )
  })

  it('never changes the value it copies', () => {
    const value = {
      list: [1, { deep: 'x'.repeat(10_000) }],
      map: new Map([['k', 'v']]),
      date: new Date(0),
    }
    const before = structuredClone(value)
    toSafeJson(value, limits)
    expect(value).toEqual(before)
  })
})

describe('toSafeJsonPicking', () => {
  it('copies only the keys asked for', () => {
    const value = { keep: { n: 1n }, drop: 'secret', also: 2 }
    expect(toSafeJsonPicking(value, ['keep', 'also'], limits)).toEqual({
      keep: { n: '1n' },
      also: 2,
    })
  })

  it('marks a picked key that points back at the object', () => {
    const value: Record<string, unknown> = { name: 'loop' }
    value['me'] = value
    expect(toSafeJsonPicking(value, ['name', 'me'], limits)).toEqual({
      name: 'loop',
      me: '[Circular]',
    })
  })
})
