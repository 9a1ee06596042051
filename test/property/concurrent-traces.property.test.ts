import fc from 'fast-check'
import { AsyncLocalStorage } from 'node:async_hooks'
import { describe, expect, it, vi } from 'vitest'
import { CallbackManager } from '../../src/callbacks/callback-manager.js'
import { WandbCallbackHandler } from '../../src/handler.js'
import { wordTokenizer } from '../support/tokenizers.js'
import { captureWarnings } from '../support/warnings.js'
import { EVENT_TYPES } from './event-programs.js'
import { pipeline, runSteps } from './pipelines.js'
import type { StartedStep, StepList } from './pipelines.js'
import { NUM_RUNS } from './runs.js'
import { placedSpans } from './trace-walk.js'

captureWarnings()

function newHandler(): WandbCallbackHandler {
  return new WandbCallbackHandler({ tokenizer: wordTokenizer })
}

const thrown = fc.oneof(
  fc.string({ maxLength: 10 }).map((message) => new Error(message)),
  fc.anything({ maxDepth: 1 }),
)

/** A span as the pipeline check compares it: its id, where it hangs, its name and status. */
interface SpanPlacement {
  readonly id: string | null
  readonly parentId: string | undefined
  readonly name: string | null
  readonly status: string | null
}

function byId(left: SpanPlacement, right: SpanPlacement): number {
  return (left.id ?? '').localeCompare(right.id ?? '')
}

function expectPipelineTrace(
  handler: WandbCallbackHandler,
  traceId: string,
  log: readonly StartedStep[],
): void {
  const trees = handler.traces.filter((tree) => tree.traceId === traceId)
  expect(trees).toHaveLength(1)
  const actual = placedSpans(trees).map(({ span, parentId }) => ({
    id: span.span_id,
    parentId,
    name: span.name,
    status: span.status_code,
  }))
  const expected = log.map((step) => ({
    id: step.id,
    parentId: step.parent,
    name: step.type,
    status: step.threw || step.type === 'exception' ? 'ERROR' : 'SUCCESS',
  }))
  expect(actual.sort(byId)).toEqual(expected.sort(byId))
}

describe('CallbackManager over random async pipelines', () => {
  it('nests events under the event whose function started them, through event() and asTrace', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...EVENT_TYPES),
        pipeline({ throws: thrown }),
        async (type, steps: StepList) => {
          const handler = newHandler()
          const manager = new CallbackManager([handler])
          const log: StartedStep[] = []
          const outcome = await manager
            .event(type, { top: true }, async (scope) => {
              const top: StartedStep = { id: scope.id, parent: undefined, type, threw: true }
              log.push(top)
              await runSteps(manager, steps, scope.id, log)
              top.threw = false
            })
            .then(
              () => undefined,
              (error: unknown) => ({ error }),
            )
          expect(outcome === undefined).toBe(log.every((step) => !step.threw))
          expect(handler.traces).toHaveLength(1)
          expectPipelineTrace(handler, type, log)
        },
      ),
      { numRuns: NUM_RUNS },
    )
  })

  it('keeps concurrent traces of one manager apart, each with exactly its own spans', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(pipeline({ throws: thrown }), { minLength: 2, maxLength: 4 }),
        async (pipelines) => {
          const handler = newHandler()
          const manager = new CallbackManager([handler])
          const logs = pipelines.map((): StartedStep[] => [])
          await Promise.allSettled(
            pipelines.map((steps, index) =>
              manager.asTrace(`pipeline-${index}`, () =>
                runSteps(manager, steps, undefined, logs[index] as StartedStep[]),
              ),
            ),
          )
          expect(handler.traces).toHaveLength(pipelines.length)
          logs.forEach((log, index) => expectPipelineTrace(handler, `pipeline-${index}`, log))
        },
      ),
      { numRuns: NUM_RUNS },
    )
  })
})

describe('several CallbackManagers in one async context', () => {
  it('keep their own parents when nested in each other, sharing one AsyncLocalStorage', async () => {
    const managerCount = 3
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: managerCount - 1 }), { minLength: 1, maxLength: 8 }),
        async (path) => {
          const handlers = Array.from({ length: managerCount }, newHandler)
          const managers = handlers.map((handler) => new CallbackManager([handler]))
          const open: (string | undefined)[] = managers.map(() => undefined)
          const logs = managers.map((): StartedStep[] => [])
          const run = vi.spyOn(AsyncLocalStorage.prototype, 'run')
          const nest = async (depth: number): Promise<void> => {
            const index = path[depth]
            if (index === undefined) return
            const manager = managers[index] as CallbackManager
            await manager.event('step', { depth }, async (scope) => {
              const outer = open[index]
              logs[index]?.push({ id: scope.id, parent: outer, type: 'step', threw: false })
              open[index] = scope.id
              await Promise.resolve()
              await nest(depth + 1)
              open[index] = outer
            })
          }
          let storages: Set<unknown>
          try {
            await nest(0)
          } finally {
            storages = new Set(run.mock.contexts)
            run.mockRestore()
          }
          expect(storages.size).toBe(1)
          handlers.forEach((handler, index) => {
            const log = logs[index] as StartedStep[]
            expect(handler.traces).toHaveLength(log.filter((step) => !step.parent).length)
            const parents = placedSpans(handler.traces).map(({ span, parentId }) => [
              span.span_id,
              parentId,
            ])
            expect(parents).toEqual(
              expect.arrayContaining(log.map((step) => [step.id, step.parent])),
            )
            expect(parents).toHaveLength(log.length)
          })
        },
      ),
      { numRuns: NUM_RUNS },
    )
  })
})
