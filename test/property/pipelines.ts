import fc from 'fast-check'
import type { CallbackManager } from '../../src/callbacks/callback-manager.js'
import { EVENT_TYPES } from './event-programs.js'

/** A way to let other pipelines run between two steps; 'none' goes straight on. */
export type Gap = 'none' | 'tick' | 'microtask' | 'immediate' | 'timeout'

export type Step =
  | {
      readonly kind: 'event'
      readonly type: string
      readonly before: Gap
      readonly after: Gap
      readonly children: StepList
      /** What the event's function throws after its children, if anything. */
      readonly throws: { readonly value: unknown } | undefined
    }
  | { readonly kind: 'raw'; readonly type: string; readonly gap: Gap }
  | { readonly kind: 'trace'; readonly children: StepList }

/**
 * Steps run one after the other, or all at once. Steps run at once are never raw starts and ends:
 * those share their caller's stack of open events, so running them at once would tangle it.
 */
export interface StepList {
  readonly concurrent: boolean
  readonly steps: readonly Step[]
}

export interface PipelineShape {
  /** What a failing event's function throws. */
  readonly throws: fc.Arbitrary<unknown>
}

// Timers are rare: each costs a millisecond or more, and the microtask kinds interleave as well.
const gap = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<Gap>('none', 'tick', 'microtask') },
  { weight: 2, arbitrary: fc.constant<Gap>('immediate') },
  { weight: 1, arbitrary: fc.constant<Gap>('timeout') },
)
const type = fc.constantFrom(...EVENT_TYPES)

/** Random pipelines of nested events, raw start/end pairs and nested traces, with awaits between steps. */
export function pipeline(shape: PipelineShape): fc.Arbitrary<StepList> {
  const { list } = fc.letrec<{ list: StepList; step: Step }>((tie) => ({
    list: fc
      .record({
        concurrent: fc.boolean(),
        steps: fc.array(tie('step'), { minLength: 1, maxLength: 3, depthIdentifier: 'steps' }),
      })
      .map((list) => (list.concurrent ? { ...list, steps: list.steps.map(withoutRaw) } : list)),
    step: fc.oneof(
      { depthSize: 'small', maxDepth: 3, depthIdentifier: 'steps' },
      fc.record({ kind: fc.constant('raw' as const), type, gap }),
      fc.record({
        kind: fc.constant('event' as const),
        type,
        before: gap,
        after: gap,
        children: fc
          .option(tie('list') as fc.Arbitrary<StepList>, { nil: undefined })
          .map((children) => children ?? { concurrent: false, steps: [] }),
        throws: fc.option(
          shape.throws.map((value) => ({ value })),
          { nil: undefined, freq: 8 },
        ),
      }),
      fc.record({
        kind: fc.constant('trace' as const),
        children: tie('list') as fc.Arbitrary<StepList>,
      }),
    ),
  }))
  return list
}

function withoutRaw(step: Step): Step {
  if (step.kind !== 'raw') return step
  return {
    kind: 'event',
    type: step.type,
    before: step.gap,
    after: 'none',
    children: { concurrent: false, steps: [] },
    throws: undefined,
  }
}

/** One event a pipeline started, with the event it was started inside. */
export interface StartedStep {
  readonly id: string
  readonly parent: string | undefined
  readonly type: string
  /** Whether its function threw (its own error or one of its children's). */
  threw: boolean
}

/** Runs a pipeline's steps through `manager`, logging each start with the parent it was started inside. */
export async function runSteps(
  manager: CallbackManager,
  list: StepList,
  parent: string | undefined,
  log: StartedStep[],
): Promise<void> {
  if (!list.concurrent) {
    for (const step of list.steps) await runStep(manager, step, parent, log)
    return
  }
  const settled = await Promise.allSettled(
    list.steps.map((step) => runStep(manager, step, parent, log)),
  )
  const failure = settled.find((result) => result.status === 'rejected')
  if (failure !== undefined) throw failure.reason
}

async function runStep(
  manager: CallbackManager,
  step: Step,
  parent: string | undefined,
  log: StartedStep[],
): Promise<void> {
  if (step.kind === 'trace') {
    await manager.asTrace('nested', () => runSteps(manager, step.children, parent, log))
    return
  }
  if (step.kind === 'raw') {
    const id = manager.onEventStart(step.type, { step: 'raw' })
    log.push({ id, parent, type: step.type, threw: false })
    if (step.gap !== 'none') await pause(step.gap)
    manager.onEventEnd(step.type, { done: true }, id)
    return
  }
  await manager.event(step.type, { step: 'event' }, async (scope) => {
    const started: StartedStep = { id: scope.id, parent, type: step.type, threw: true }
    log.push(started)
    if (step.before !== 'none') await pause(step.before)
    await runSteps(manager, step.children, scope.id, log)
    if (step.after !== 'none') await pause(step.after)
    if (step.throws !== undefined) throw step.throws.value
    started.threw = false
  })
}

function pause(kind: Exclude<Gap, 'none'>): Promise<void> {
  switch (kind) {
    case 'tick':
      return Promise.resolve()
    case 'microtask':
      return new Promise((resolve) => queueMicrotask(resolve))
    case 'immediate':
      return new Promise((resolve) => setImmediate(resolve))
    case 'timeout':
      return new Promise((resolve) => setTimeout(resolve, 0))
  }
}
