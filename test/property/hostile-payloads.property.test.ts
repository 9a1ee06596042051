import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CallbackManager } from '../../src/callbacks/callback-manager.js'
import type { EventPayloadRecord } from '../../src/events/event-payload.js'
import { WandbCallbackHandler } from '../../src/handler.js'
import type { TraceTree } from '../../src/trace/span.js'
import { wordTokenizer } from '../support/tokenizers.js'
import { captureWarnings } from '../support/warnings.js'
import { eventProgram, managerTarget, runProgram } from './event-programs.js'
import type { Op } from './event-programs.js'
import { hostilePayloadRecipe } from './hostile-recipes.js'
import { build, cloneIfPossible, deepFreeze, sameCopies } from './hostile-values.js'
import type { Recipe } from './hostile-recipes.js'
import { expectJsonRoundTrip, isBounded, placedSpans, stringsIn } from './trace-walk.js'
import { NUM_RUNS } from './runs.js'

const warnings = captureWarnings()

const hostileProgram = eventProgram({ ids: 'unique', payload: hostilePayloadRecipe, maxOps: 12 })
const maxPayloadChars = fc.integer({ min: 64, max: 400 })

interface BuiltProgram {
  readonly ops: Op[]
  readonly payloads: unknown[]
  readonly mutations: readonly string[]
}

// Payloads are built fresh from their recipes for each run.
function buildProgram(ops: readonly Op[]): BuiltProgram {
  const payloads: unknown[] = []
  const mutations: string[] = []
  const built = ops.map((op) => {
    const { value, mutations: seen } = build(op.payload as Recipe)
    payloads.push(value)
    mutations.push(...seen)
    return { ...op, payload: value }
  })
  return { ops: built, payloads, mutations }
}

function runTraced(program: BuiltProgram, maxChars: number): WandbCallbackHandler {
  const handler = new WandbCallbackHandler({ tokenizer: wordTokenizer, maxPayloadChars: maxChars })
  const manager = new CallbackManager([handler])
  manager.startTrace('hostile')
  runProgram(program.ops, managerTarget(manager))
  manager.endTrace()
  return handler
}

function startCount(ops: readonly Op[]): number {
  return ops.filter((op) => op.op === 'start').length
}

function shapingErrors(traces: readonly TraceTree[]): string[] {
  return placedSpans(traces)
    .map((each) => each.span.attributes?.['shaping_error'])
    .filter((error): error is string => typeof error === 'string')
}

// The TypeErrors strict-mode code gets for writing to a frozen object.
const FROZEN_WRITE = /read only|not extensible|Cannot (assign|add|delete|define|redefine)/

describe('hostile payloads', () => {
  it('never throw, keep every span and give bounded JSON that reads back unchanged', () => {
    fc.assert(
      fc.property(hostileProgram, maxPayloadChars, (ops, maxChars) => {
        warnings.length = 0
        const program = buildProgram(ops)
        const handler = runTraced(program, maxChars)
        expect(placedSpans(handler.traces)).toHaveLength(startCount(ops))
        expectJsonRoundTrip(handler.traces)
        const tooLong = stringsIn(JSON.parse(JSON.stringify(handler.traces))).filter(
          (text) => !isBounded(text, maxChars),
        )
        expect(tooLong.map((text) => text.slice(0, 80))).toEqual([])
        expect(warnings.filter((line) => line.includes('could not'))).toEqual([])
      }),
      { numRuns: NUM_RUNS },
    )
  })

  it('are never changed: clonable ones clone the same before and after', () => {
    fc.assert(
      fc.property(hostileProgram, maxPayloadChars, (ops, maxChars) => {
        const program = buildProgram(ops)
        const before = program.payloads.map(cloneIfPossible)
        runTraced(program, maxChars)
        program.payloads.forEach((payload, index) => {
          const clone = before[index]
          if (clone === undefined) return
          const after = cloneIfPossible(payload)
          expect(after?.copy).toEqual(clone.copy)
          expect(after !== undefined && sameCopies(after, clone)).toBe(true)
        })
        expect(program.mutations).toEqual([])
      }),
      { numRuns: NUM_RUNS },
    )
  })

  it('are never written to: deeply frozen ones build the same spans without a write error', () => {
    fc.assert(
      fc.property(hostileProgram, maxPayloadChars, (ops, maxChars) => {
        warnings.length = 0
        const program = buildProgram(ops)
        program.payloads.forEach((payload) => deepFreeze(payload))
        const handler = runTraced(program, maxChars)
        expect(placedSpans(handler.traces)).toHaveLength(startCount(ops))
        expect(shapingErrors(handler.traces).filter((error) => FROZEN_WRITE.test(error))).toEqual(
          [],
        )
        expect(warnings.filter((line) => FROZEN_WRITE.test(line))).toEqual([])
        expect(program.mutations).toEqual([])
      }),
      { numRuns: NUM_RUNS },
    )
  })

  it('set as an event end payload, never replace the error the event function threw', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostilePayloadRecipe,
        fc.anything(),
        fc.boolean(),
        async (recipe, thrown, fails) => {
          const handler = new WandbCallbackHandler({ tokenizer: wordTokenizer })
          const manager = new CallbackManager([handler])
          const { value, mutations } = build(recipe)
          const outcome = await manager
            .event('llm', undefined, (scope) => {
              scope.setEndPayload(value as EventPayloadRecord)
              if (fails) throw thrown
              return 'answer'
            })
            .then(
              (result) => ({ result }),
              (error: unknown) => ({ error }),
            )
          if (fails) expect('error' in outcome && Object.is(outcome.error, thrown)).toBe(true)
          else expect(outcome).toEqual({ result: 'answer' })
          const spans = placedSpans(handler.traces)
          expect(spans).toHaveLength(1)
          if (fails) expect(spans[0]?.span.status_code).toBe('ERROR')
          expect(mutations).toEqual([])
        },
      ),
      { numRuns: NUM_RUNS },
    )
  })

  it('never make the manager or handler throw, whatever their arguments are', async () => {
    const call = fc.record({
      target: fc.constantFrom('manager' as const, 'handler' as const),
      method: fc.constantFrom('onEventStart', 'onEventEnd', 'startTrace', 'endTrace', 'wrapped'),
      args: fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 4 }),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(call, { maxLength: 12 }), async (calls) => {
        const handler = new WandbCallbackHandler({ tokenizer: wordTokenizer })
        const manager = new CallbackManager([handler])
        const targets = { manager, handler } as unknown as Record<
          'manager' | 'handler',
          Record<string, (...args: unknown[]) => unknown>
        >
        const loose = (value: unknown) => value as string
        for (const { target, method, args } of calls) {
          const [first, second, third] = args
          if (method !== 'wrapped') targets[target][method]?.(...args)
          else if (target === 'manager')
            await manager.asTrace(loose(first), () => manager.onEventStart(loose(second)))
          else await manager.event(loose(first), second as EventPayloadRecord, () => third)
        }
        await handler.finish()
        expectJsonRoundTrip(handler.traces)
      }),
      { numRuns: NUM_RUNS },
    )
  })
})
