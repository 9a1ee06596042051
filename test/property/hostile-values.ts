import { serialize } from 'node:v8'
import { types } from 'node:util'
import type { InstanceBase, Recipe } from './hostile-recipes.js'

/** What building a value left behind: the mutation attempts its proxies saw. */
export interface Built {
  readonly value: unknown
  readonly mutations: readonly string[]
}

/** Builds a fresh value from a recipe; its proxies record every attempt to change them. */
export function build(recipe: Recipe): Built {
  const mutations: string[] = []
  return { value: make(recipe, mutations), mutations }
}

function make(recipe: Recipe, mutations: string[]): unknown {
  switch (recipe.kind) {
    case 'anything':
      return recipe.value
    case 'long-string':
      return 'é'.repeat(recipe.length)
    case 'big-int':
      return BigInt(`9${'7'.repeat(recipe.digits - 1)}`)
    case 'function':
      return Object.defineProperty(() => 1, 'name', { value: recipe.name })
    case 'symbol':
      return Symbol(recipe.description)
    case 'regexp':
      return new RegExp(recipe.source, 'g')
    case 'instance':
      return instanceOf(recipe.className, recipe.base, make(recipe.field, mutations))
    case 'error':
      return errorOf(recipe, mutations)
    case 'map':
      return new Map(recipe.entries.map(([k, v]) => [make(k, mutations), make(v, mutations)]))
    case 'set':
      return new Set(recipe.items.map((item) => make(item, mutations)))
    case 'array': {
      const items: unknown[] = recipe.items.map((item) => make(item, mutations))
      if (recipe.cyclic) items.push(items)
      return items
    }
    case 'record':
      return recordOf(recipe, mutations)
    case 'proxy':
      return proxyOf(recipe, mutations)
  }
}

const BASES = {
  object: Object,
  'weak-map': WeakMap,
  bytes: Uint8Array,
  promise: Promise,
} as const

function instanceOf(className: string, base: InstanceBase, field: unknown): object {
  const Base = BASES[base] as new (...args: unknown[]) => object
  class Hostile extends Base {
    readonly #secret = field
    readonly field = field
    get secret(): unknown {
      return this.#secret
    }
    get broken(): never {
      throw new Error('a prototype getter that throws')
    }
  }
  Object.defineProperty(Hostile, 'name', { value: className })
  return base === 'promise' ? new Hostile(() => undefined) : new Hostile()
}

function errorOf(recipe: Extract<Recipe, { kind: 'error' }>, mutations: string[]): Error {
  const error = new Error(recipe.message)
  error.name = recipe.name
  if (recipe.cause === 'self') error.cause = error
  else if (recipe.cause !== undefined) error.cause = make(recipe.cause, mutations)
  return error
}

function recordOf(recipe: Extract<Recipe, { kind: 'record' }>, mutations: string[]): object {
  const record: Record<string, unknown> = {}
  for (const [name, value] of recipe.entries) {
    Object.defineProperty(record, name, {
      value: make(value, mutations),
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  if (recipe.cyclic) record['self'] = record
  if (recipe.throwingGetter) {
    Object.defineProperty(record, 'getter', {
      enumerable: true,
      get() {
        throw new Error('an own getter that throws')
      },
    })
  }
  return record
}

function proxyOf(recipe: Extract<Recipe, { kind: 'proxy' }>, mutations: string[]): object {
  const made = make(recipe.target, mutations)
  const target = typeof made === 'object' && made !== null ? made : { value: made }
  const fail = (): never => {
    throw new Error(recipe.message)
  }
  const record =
    (trap: string) =>
    (..._args: unknown[]): boolean => {
      mutations.push(trap)
      return false
    }
  const handler: ProxyHandler<object> = {
    set: record('set'),
    defineProperty: record('defineProperty'),
    deleteProperty: record('deleteProperty'),
    setPrototypeOf: record('setPrototypeOf'),
    preventExtensions: record('preventExtensions'),
  }
  const all = recipe.trap === 'all'
  if (all || recipe.trap === 'get') handler.get = fail
  if (all || recipe.trap === 'ownKeys') handler.ownKeys = fail
  if (all || recipe.trap === 'getPrototypeOf') handler.getPrototypeOf = fail
  if (all) handler.getOwnPropertyDescriptor = fail
  if (recipe.trap !== 'revoked') return new Proxy(target, handler)
  const revocable = Proxy.revocable(target, handler)
  revocable.revoke()
  return revocable.proxy
}

/** A structured clone of `value`, or undefined when it holds something that cannot be cloned. */
export function cloneIfPossible(value: unknown): { readonly copy: unknown } | undefined {
  try {
    return { copy: structuredClone(value) }
  } catch {
    return undefined
  }
}

/**
 * True when two copies of a value hold the same content, compared as V8 serializes them: Node 20's
 * isDeepStrictEqual calls two invalid dates unequal, so it cannot say a value was left alone.
 */
export function sameCopies(a: { readonly copy: unknown }, b: { readonly copy: unknown }): boolean {
  return serialize(a.copy).equals(serialize(b.copy))
}

/** Freezes `value` and everything it holds, without calling getters or touching proxies. */
export function deepFreeze(value: unknown, seen = new Set<unknown>()): void {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return
  if (seen.has(value) || types.isProxy(value)) return
  seen.add(value)
  if (value instanceof Map) {
    for (const [k, v] of value) {
      deepFreeze(k, seen)
      deepFreeze(v, seen)
    }
  }
  if (value instanceof Set) for (const item of value) deepFreeze(item, seen)
  // Views over a buffer with elements cannot be frozen.
  if (ArrayBuffer.isView(value)) return
  for (const descriptor of Object.values(Object.getOwnPropertyDescriptors(value))) {
    if ('value' in descriptor) deepFreeze(descriptor.value, seen)
  }
  Object.freeze(value)
}
