import fc from 'fast-check'
import { types } from 'node:util'
import { EventPayload } from '../../src/events/event-payload.js'

/**
 * A recipe for a hostile value. Values are built fresh from recipes for each run, so a run cannot
 * see what an earlier one did to them, and a failing case prints as data.
 */
export type Recipe =
  | { readonly kind: 'anything'; readonly value: unknown }
  | { readonly kind: 'long-string'; readonly length: number }
  | { readonly kind: 'big-int'; readonly digits: number }
  | { readonly kind: 'function'; readonly name: string }
  | { readonly kind: 'symbol'; readonly description: string }
  | { readonly kind: 'regexp'; readonly source: string }
  | { readonly kind: 'instance'; readonly className: string; readonly field: Recipe }
  | {
      readonly kind: 'error'
      readonly name: string
      readonly message: string
      readonly cause: Recipe | 'self' | undefined
    }
  | { readonly kind: 'map'; readonly entries: readonly (readonly [Recipe, Recipe])[] }
  | { readonly kind: 'set'; readonly items: readonly Recipe[] }
  | { readonly kind: 'array'; readonly items: readonly Recipe[]; readonly cyclic: boolean }
  | {
      readonly kind: 'record'
      readonly entries: readonly (readonly [string, Recipe])[]
      readonly cyclic: boolean
      readonly throwingGetter: boolean
    }
  | {
      readonly kind: 'proxy'
      readonly trap: ProxyTrap
      readonly message: string
      readonly target: Recipe
    }

export type ProxyTrap = 'get' | 'ownKeys' | 'getPrototypeOf' | 'all' | 'revoked'

/** What building a value left behind: the mutation attempts its proxies saw. */
export interface Built {
  readonly value: unknown
  readonly mutations: readonly string[]
}

const longText = fc.integer({ min: 0, max: 20_000 }).map((length) => 'ab'.repeat(length / 2))
const text = fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 20 }) }, longText)
const key = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...Object.values(EventPayload)) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toJSON', 'raw', 'usage') },
  { weight: 1, arbitrary: longText },
)
const anything = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
})

/** Hostile values: anything fast-check makes, plus every kind of value a payload can hold that JSON cannot. */
export const hostileRecipe: fc.Arbitrary<Recipe> = fc.letrec<{ recipe: Recipe }>((tie) => {
  const inner = tie('recipe')
  return {
    recipe: fc.oneof(
      { depthSize: 'small', maxDepth: 3, withCrossShrink: true },
      fc.record({ kind: fc.constant('anything' as const), value: anything }),
      fc.record({
        kind: fc.constant('long-string' as const),
        length: fc.integer({ min: 0, max: 50_000 }),
      }),
      fc.record({
        kind: fc.constant('big-int' as const),
        digits: fc.integer({ min: 1, max: 5_000 }),
      }),
      fc.record({ kind: fc.constant('function' as const), name: text }),
      fc.record({ kind: fc.constant('symbol' as const), description: text }),
      fc.record({
        kind: fc.constant('regexp' as const),
        source: fc.constantFrom('a+', 'x'.repeat(9_000)),
      }),
      fc.record({ kind: fc.constant('instance' as const), className: text, field: inner }),
      fc.record({
        kind: fc.constant('error' as const),
        name: text,
        message: text,
        cause: fc.option(fc.oneof(inner, fc.constant('self' as const)), { nil: undefined }),
      }),
      fc.record({
        kind: fc.constant('map' as const),
        entries: fc.array(fc.tuple(inner, inner), { maxLength: 3 }),
      }),
      fc.record({ kind: fc.constant('set' as const), items: fc.array(inner, { maxLength: 3 }) }),
      fc.record({
        kind: fc.constant('array' as const),
        items: fc.array(inner, { maxLength: 4 }),
        cyclic: fc.boolean(),
      }),
      fc.record({
        kind: fc.constant('record' as const),
        entries: fc.array(fc.tuple(key, inner), { maxLength: 5 }),
        cyclic: fc.boolean(),
        throwingGetter: fc.boolean(),
      }),
      fc.record({
        kind: fc.constant('proxy' as const),
        trap: fc.constantFrom<ProxyTrap>('get', 'ownKeys', 'getPrototypeOf', 'all', 'revoked'),
        message: text,
        target: inner,
      }),
    ),
  }
}).recipe

/** Payloads shaped like what LlamaIndex sends (messages, responses, nodes, usage), with hostile values inside. */
export const hostilePayloadRecipe: fc.Arbitrary<Recipe> = fc.oneof(
  { weight: 1, arbitrary: hostileRecipe },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.oneof(fc.tuple(key, hostileRecipe), llamaIndexEntry()), { maxLength: 6 })
      .map((entries) => recordRecipe(entries)),
  },
)

function recordRecipe(entries: readonly (readonly [string, Recipe])[]): Recipe {
  return { kind: 'record', entries, cyclic: false, throwingGetter: false }
}

// The keys the shaping rules read, each holding the kind of value LlamaIndex puts there.
function llamaIndexEntry(): fc.Arbitrary<readonly [string, Recipe]> {
  const leaf = fc.oneof(
    text.map((value): Recipe => ({ kind: 'anything', value })),
    hostileRecipe,
  )
  const record = (keys: readonly string[], value: fc.Arbitrary<Recipe> = leaf) =>
    fc
      .array(fc.tuple(fc.constantFrom(...keys), value), { maxLength: keys.length })
      .map(recordRecipe)
  const list = (item: fc.Arbitrary<Recipe>) =>
    fc
      .array(item, { maxLength: 3 })
      .map((items): Recipe => ({ kind: 'array', items, cyclic: false }))
  const node = record(['id_', 'node_id', 'nodeId', 'id', 'text', 'content'])
  const nodeWithScore = fc.tuple(node, leaf).map(([inner, score]) =>
    recordRecipe([
      ['node', inner],
      ['score', score],
    ]),
  )
  const nodes = list(fc.oneof(node, nodeWithScore, leaf))
  const usage = record(['prompt_tokens', 'completion_tokens', 'total_tokens', 'inputTokens'])
  const response = fc.oneof(
    leaf,
    record(['response', 'text', 'delta', 'content']),
    fc.tuple(leaf, nodes).map(([answer, sources]) =>
      recordRecipe([
        ['response', answer],
        ['sourceNodes', sources],
      ]),
    ),
    fc.tuple(leaf, usage).map(([answer, counts]) =>
      recordRecipe([
        ['text', answer],
        ['raw', recordRecipe([['usage', counts]])],
      ]),
    ),
  )
  return fc.oneof(
    fc.tuple(fc.constant(EventPayload.MESSAGES), list(record(['role', 'content']))),
    fc.tuple(
      fc.constantFrom(EventPayload.NODES, EventPayload.DOCUMENTS, EventPayload.CHUNKS),
      nodes,
    ),
    fc.tuple(fc.constantFrom(EventPayload.RESPONSE, EventPayload.COMPLETION), response),
    fc.tuple(fc.constantFrom(EventPayload.PROMPT, EventPayload.EXCEPTION), leaf),
    fc.tuple(fc.constant('usage'), usage),
  )
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
      return instanceOf(recipe.className, make(recipe.field, mutations))
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

function instanceOf(className: string, field: unknown): object {
  class Hostile {
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
  return new Hostile()
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
