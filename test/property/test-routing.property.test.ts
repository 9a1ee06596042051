import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WandbCallbackHandler } from '../../src/handler.js'
import type { Span } from '../../src/trace/span.js'
import { sharedCallbackManager } from '../../src/routing/shared-callback-manager.js'
import { newTestScope, runInTestScope } from '../../src/routing/test-scope.js'
import { onWarning } from '../../src/warnings.js'

interface SimulatedTest {
  readonly steps: number
  readonly delays: readonly number[]
  readonly style: 'event' | 'asTrace' | 'raw'
}

const simulatedTest = fc.record({
  steps: fc.integer({ min: 1, max: 4 }),
  delays: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
  style: fc.constantFrom('event' as const, 'asTrace' as const, 'raw' as const),
})

function pause(turns: number): Promise<void> {
  if (turns === 0) return Promise.resolve()
  return turns % 2 === 0
    ? new Promise((wake) => setTimeout(wake, 0))
    : Promise.resolve().then(() => pause(turns - 1))
}

function allSpans(span: Span): Span[] {
  return [span, ...(span.child_spans ?? []).flatMap(allSpans)]
}

async function runSimulatedTest(
  index: number,
  test: SimulatedTest,
  handler: WandbCallbackHandler,
): Promise<void> {
  const manager = sharedCallbackManager()
  const nested = async (step: number): Promise<void> => {
    await manager.event('retrieve', { query_str: `t${index}-s${step}` }, async () => {
      await pause(test.delays[(step + 1) % 4] ?? 0)
      await manager.event('llm', { formatted_prompt: `t${index}-s${step}` }, () => pause(1))
    })
  }
  // Raw starts and ends outside any trace use the manager's per-test implicit trace state.
  const raw = async (step: number): Promise<void> => {
    const retrieve = manager.onEventStart('retrieve', { query_str: `t${index}-s${step}` })
    await pause(test.delays[(step + 1) % 4] ?? 0)
    const llm = manager.onEventStart('llm', { formatted_prompt: `t${index}-s${step}` })
    await pause(1)
    manager.onEventEnd('llm', {}, llm)
    manager.onEventEnd('retrieve', {}, retrieve)
  }
  const body = async (): Promise<void> => {
    for (let step = 0; step < test.steps; step += 1) {
      await pause(test.delays[step] ?? 0)
      await (test.style === 'raw' ? raw(step) : nested(step))
    }
  }
  await runInTestScope(newTestScope(handler, 'a test'), () =>
    test.style === 'asTrace' ? manager.asTrace(`test-${index}`, body) : body(),
  )
  await handler.finish()
}

describe('routing events of concurrent tests through the shared callback manager', () => {
  let restore: () => void
  beforeAll(() => {
    restore = onWarning(() => {})
  })
  afterAll(() => restore())

  it('gives every test exactly its own spans, with its own nesting, whatever the interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(simulatedTest, { minLength: 2, maxLength: 20 }), async (tests) => {
        const handlers = tests.map(
          () => new WandbCallbackHandler({ tokenizer: (text) => text.split(' ') }),
        )
        await Promise.all(
          tests.map((test, index) => runSimulatedTest(index, test, handlers[index]!)),
        )
        tests.forEach((test, index) => {
          const spans = handlers[index]!.traces.flatMap((trace) => allSpans(trace.rootSpan))
          const retrieves = spans.filter((span) => span.name === 'retrieve')
          const llms = spans.filter((span) => span.name === 'llm')
          expect(retrieves.map((span) => span.results?.[0]?.inputs?.['query_str'])).toEqual(
            Array.from({ length: test.steps }, (_, step) => `t${index}-s${step}`),
          )
          expect(llms).toHaveLength(test.steps)
          for (const retrieve of retrieves) {
            expect(retrieve.child_spans?.map((child) => child.name)).toEqual(['llm'])
            expect(retrieve.status_code).toBe('SUCCESS')
          }
        })
      }),
      { numRuns: 60 },
    )
  })
})
