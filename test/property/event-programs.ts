import fc from 'fast-check'
import type { CallbackManager } from '../../src/callbacks/callback-manager.js'
import type { EventPayloadRecord } from '../../src/events/event-payload.js'
import { CBEventType } from '../../src/events/event-type.js'
import type { WandbCallbackHandler } from '../../src/handler.js'

/** Every LlamaIndex event type, plus one this package has no shaping rule for. */
export const EVENT_TYPES: readonly string[] = [...Object.values(CBEventType), 'custom_step']

/** Ids that collide with each other and with the `#n` names given to repeated ids. */
export const COLLIDING_IDS = ['a', 'b', 'c', 'a#2', 'a#3', 'b#2', 'a#2#2', '#']

/** How a start names its event: a new id of the program's, none (the manager makes one), or a given one. */
export type IdChoice =
  | { readonly kind: 'fresh' }
  | { readonly kind: 'auto' }
  | { readonly kind: 'literal'; readonly id: string }

/** A `pick` chooses among the events started so far, modulo their number. */
export type ParentChoice =
  | { readonly kind: 'stack' }
  | { readonly kind: 'started'; readonly pick: number }
  | { readonly kind: 'unknown' }

export type EndTarget =
  | { readonly kind: 'started'; readonly pick: number }
  | { readonly kind: 'innermost' }
  | { readonly kind: 'unknown' }

export type Op =
  | {
      readonly op: 'start'
      readonly type: string
      readonly id: IdChoice
      readonly parent: ParentChoice
      readonly payload: unknown
    }
  | {
      readonly op: 'end'
      /** Undefined: the type the ended event started with. */
      readonly type: string | undefined
      readonly target: EndTarget
      readonly payload: unknown
    }

export interface ProgramShape {
  readonly ids: 'unique' | 'colliding'
  readonly types?: readonly string[]
  readonly payload?: fc.Arbitrary<unknown>
  readonly maxOps?: number
}

const plainPayload: fc.Arbitrary<unknown> = fc.option(
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  { nil: undefined },
)

/** Random event programs: nested, unbalanced, with missing ends, unknown ids and explicit parents. */
export function eventProgram(shape: ProgramShape): fc.Arbitrary<Op[]> {
  const type = fc.constantFrom(...(shape.types ?? EVENT_TYPES))
  const payload = shape.payload ?? plainPayload
  const id: fc.Arbitrary<IdChoice> =
    shape.ids === 'unique'
      ? fc.constantFrom<IdChoice>({ kind: 'fresh' }, { kind: 'auto' })
      : fc.oneof(
          fc
            .constantFrom(...COLLIDING_IDS)
            .map((literal): IdChoice => ({ kind: 'literal', id: literal })),
          fc.constant<IdChoice>({ kind: 'auto' }),
        )
  const parent = fc.oneof(
    { weight: 4, arbitrary: fc.constant<ParentChoice>({ kind: 'stack' }) },
    { weight: 2, arbitrary: fc.nat().map((pick): ParentChoice => ({ kind: 'started', pick })) },
    { weight: 1, arbitrary: fc.constant<ParentChoice>({ kind: 'unknown' }) },
  )
  const target = fc.oneof(
    { weight: 3, arbitrary: fc.nat().map((pick): EndTarget => ({ kind: 'started', pick })) },
    { weight: 3, arbitrary: fc.constant<EndTarget>({ kind: 'innermost' }) },
    { weight: 1, arbitrary: fc.constant<EndTarget>({ kind: 'unknown' }) },
  )
  const start = fc.record({ op: fc.constant('start' as const), type, id, parent, payload })
  const end = fc.record({
    op: fc.constant('end' as const),
    type: fc.option(type, { nil: undefined, freq: 3 }),
    target,
    payload,
  })
  return fc.array(fc.oneof(start, end), { minLength: 1, maxLength: shape.maxOps ?? 40 })
}

/** One start as the program made it, with the parent it was started under. */
export interface StartRecord {
  readonly id: string
  readonly type: string
  /** The explicit parent id, or the innermost open event then; undefined at the top. */
  readonly parent: string | undefined
  /** The types of the ends sent for it, in order (a handler may ignore some). */
  readonly endTypes: string[]
}

/** Where a program's events go: a manager (which tracks open events) or a handler called directly. */
export interface EventTarget {
  start(type: string, payload: unknown, id: string | undefined, parent: string | undefined): string
  end(type: string, payload: unknown, id: string | undefined): void
}

export function managerTarget(manager: CallbackManager): EventTarget {
  return {
    start: (type, payload, id, parent) =>
      manager.onEventStart(type, payload as EventPayloadRecord, id, parent),
    end: (type, payload, id) => manager.onEventEnd(type, payload as EventPayloadRecord, id),
  }
}

export function handlerTarget(handler: WandbCallbackHandler): EventTarget {
  return {
    start: (type, payload, id, parent) =>
      handler.onEventStart(type, payload as EventPayloadRecord, id, parent),
    end: (type, payload, id) => handler.onEventEnd(type, payload as EventPayloadRecord, id),
  }
}

/**
 * Runs a program against `target`, modelling the stack of open events the manager keeps, and
 * returns every start with the parent it was started under.
 */
export function runProgram(ops: readonly Op[], target: EventTarget): StartRecord[] {
  const starts: StartRecord[] = []
  const open: string[] = []
  let counter = 0
  for (const op of ops) {
    counter += 1
    if (op.op === 'start') {
      const requested =
        op.id.kind === 'fresh' ? `e${counter}` : op.id.kind === 'literal' ? op.id.id : undefined
      const explicit = explicitParent(op.parent, starts, counter)
      const id = target.start(op.type, op.payload, requested, explicit)
      starts.push({
        id,
        type: op.type,
        parent: explicit ?? open.at(-1),
        endTypes: [],
      })
      open.push(id)
      continue
    }
    const ended = endedStart(op.target, starts, open)
    const type = op.type ?? ended?.type ?? 'custom_step'
    const id = op.target.kind === 'unknown' ? `missing-${counter}` : ended?.id
    ended?.endTypes.push(type)
    if (id !== undefined) removeLast(open, id)
    target.end(type, op.payload, op.target.kind === 'innermost' ? undefined : id)
  }
  return starts
}

function explicitParent(
  choice: ParentChoice,
  starts: readonly StartRecord[],
  counter: number,
): string | undefined {
  if (choice.kind === 'unknown') return `unknown-${counter}`
  if (choice.kind === 'stack' || starts.length === 0) return undefined
  return starts[choice.pick % starts.length]?.id
}

function endedStart(
  target: EndTarget,
  starts: readonly StartRecord[],
  open: readonly string[],
): StartRecord | undefined {
  if (target.kind === 'unknown') return undefined
  if (target.kind === 'innermost') {
    const innermost = open.at(-1)
    return starts.findLast((start) => start.id === innermost)
  }
  return starts.length === 0 ? undefined : starts[target.pick % starts.length]
}

function removeLast(list: string[], id: string): void {
  const index = list.lastIndexOf(id)
  if (index >= 0) list.splice(index, 1)
}
