import fc from 'fast-check'
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
  | {
      readonly kind: 'instance'
      readonly className: string
      readonly base: InstanceBase
      readonly field: Recipe
    }
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

/** What a hostile class extends: built-ins are written as tags that name the class. */
export type InstanceBase = 'object' | 'weak-map' | 'bytes' | 'promise'

export type ProxyTrap = 'get' | 'ownKeys' | 'getPrototypeOf' | 'all' | 'revoked'

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
        kind: fc.constant('anything' as const),
        value: fc.constantFrom(-0, NaN, Infinity, -Infinity, Number.MIN_VALUE, 2 ** 53 + 2),
      }),
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
      fc.record({
        kind: fc.constant('instance' as const),
        className: text,
        base: fc.constantFrom<InstanceBase>('object', 'weak-map', 'bytes', 'promise'),
        field: inner,
      }),
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

const PART_TYPES = [
  'text',
  'input_text',
  'image_url',
  'image',
  'input_audio',
  'file',
  'input_file',
  'document',
  'video',
  '',
]

/** A message content part (OpenAI, Anthropic, LlamaIndex.TS kinds and others) with hostile values inside. */
export const contentPartRecipe: fc.Arbitrary<Recipe> = fc
  .tuple(
    fc.oneof(fc.constantFrom(...PART_TYPES), text),
    fc.oneof(
      text.map((value): Recipe => ({ kind: 'anything', value })),
      hostileRecipe,
    ),
    hostileRecipe,
  )
  .map(([type, partText, name]) =>
    recordRecipe([
      ['type', { kind: 'anything', value: type }],
      ['text', partText],
      ['file', recordRecipe([['filename', name]])],
    ]),
  )

/** Message content: a list of parts, hostile values among them, or one hostile value. */
export const contentRecipe: fc.Arbitrary<Recipe> = fc.oneof(
  fc
    .tuple(fc.array(fc.oneof(contentPartRecipe, hostileRecipe), { maxLength: 5 }), fc.boolean())
    .map(([items, cyclic]): Recipe => ({ kind: 'array', items, cyclic })),
  hostileRecipe,
)

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
  const count = fc.oneof(
    fc
      .constantFrom(-0, 0, 3, 2.5, -1, NaN, Infinity)
      .map((value): Recipe => ({ kind: 'anything', value })),
    leaf,
  )
  const nodeWithScore = fc.tuple(node, count).map(([inner, score]) =>
    recordRecipe([
      ['node', inner],
      ['score', score],
    ]),
  )
  const nodes = list(fc.oneof(node, nodeWithScore, leaf))
  const usage = record(['prompt_tokens', 'completion_tokens', 'total_tokens', 'inputTokens'], count)
  const message = fc.oneof(
    record(['role', 'content']),
    fc.tuple(leaf, contentRecipe).map(([role, content]) =>
      recordRecipe([
        ['role', role],
        ['content', content],
      ]),
    ),
  )
  const response = fc.oneof(
    leaf,
    record(['response', 'text', 'delta', 'content']),
    message.map((reply) => recordRecipe([['message', reply]])),
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
    fc.tuple(fc.constant(EventPayload.MESSAGES), list(message)),
    fc.tuple(
      fc.constantFrom(EventPayload.NODES, EventPayload.DOCUMENTS, EventPayload.CHUNKS),
      nodes,
    ),
    fc.tuple(fc.constantFrom(EventPayload.RESPONSE, EventPayload.COMPLETION), response),
    fc.tuple(fc.constantFrom(EventPayload.PROMPT, EventPayload.EXCEPTION), leaf),
    fc.tuple(fc.constant('usage'), usage),
  )
}
