import { describe, expect, it } from 'vitest'
import { WandbCallbackHandler } from '../../src/handler.js'
import { score } from '../../src/routing/score.js'
import { sharedCallbackManager } from '../../src/routing/shared-callback-manager.js'
import { newTestScope, runInTestScope } from '../../src/routing/test-scope.js'
import type { TestScope } from '../../src/routing/test-scope.js'
import type { Span } from '../../src/trace/span.js'
import { captureWarnings } from '../support/warnings.js'

const warnings = captureWarnings()

function llmEnd(prompt: number, completion: number) {
  return {
    response: {
      message: { content: 'ok' },
      raw: {
        usage: {
          prompt_tokens: prompt,
          completion_tokens: completion,
          total_tokens: prompt + completion,
        },
      },
    },
  }
}

/** A pipeline step: one LLM call of 7 + 3 tokens through the test's own handler. */
async function pipeline(handler: WandbCallbackHandler): Promise<void> {
  await handler.callbackManager.event('query', { query_str: 'refunds?' }, () =>
    handler.callbackManager.event('llm', { messages: [] }, (event) =>
      event.setEndPayload(llmEnd(7, 3)),
    ),
  )
}

/** A judge: one LLM call of 50 + 5 tokens through `manager`, returning an evaluator's result. */
async function judge(manager = sharedCallbackManager()) {
  await manager.event('llm', { messages: [{ role: 'user', content: 'grade' }] }, (event) =>
    event.setEndPayload(llmEnd(50, 5)),
  )
  return { score: 0.8, passing: true, feedback: 'faithful' }
}

function scope(name = 'rag > answers'): TestScope {
  return newTestScope(new WandbCallbackHandler(), name)
}

function spansOf(root: Span): Span[] {
  return [root, ...(root.child_spans ?? []).flatMap(spansOf)]
}

describe('score', () => {
  it('records into the test whose async context calls it, from a shared helper too', () => {
    const test = scope()
    const helper = (value: number) => score('recall', value)
    runInTestScope(test, () => {
      score('faithfulness', 0.9, { min: 0.5 })
      helper(0.25)
      score.all({ hit_rate: 1, mrr: 0.5 })
    })
    expect(test.scores.scores.map(({ name, value, min }) => [name, value, min])).toEqual([
      ['faithfulness', 0.9, 0.5],
      ['recall', 0.25, null],
      ['hit_rate', 1, null],
      ['mrr', 0.5, null],
    ])
  })

  it('keeps the scores of concurrent tests apart', async () => {
    const tests = [scope('first'), scope('second'), scope('third')]
    const delays = [30, 10, 20]
    await Promise.all(
      tests.map((test, index) =>
        runInTestScope(test, async () => {
          await new Promise((resolve) => setTimeout(resolve, delays[index]))
          score('order', index)
          await new Promise((resolve) => setTimeout(resolve, delays[2 - index]))
          score('again', index)
        }),
      ),
    )
    expect(tests.map((test) => test.scores.scores.map((s) => s.value))).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ])
  })

  it('runs a judge whose LLM calls are traced and counted apart from the pipeline, through a shared or the test’s own manager', async () => {
    const test = scope()
    const results = await runInTestScope(test, async () => {
      await pipeline(test.handler)
      const shared = await score('faithfulness', () => judge())
      const own = await score('relevancy', () => judge(test.handler.callbackManager))
      return [shared, own]
    })
    expect(results).toEqual([
      { score: 0.8, passing: true, feedback: 'faithful' },
      { score: 0.8, passing: true, feedback: 'faithful' },
    ])
    await test.handler.finish()
    const pipelineTokens = test.handler.traces.reduce(
      (sum, trace) => sum + trace.stats.totalTokens,
      0,
    )
    expect(pipelineTokens).toBe(10)
    expect(
      test.handler.traces
        .flatMap((trace) => spansOf(trace.rootSpan))
        .some((span) => span.attributes?.['judge'] !== undefined),
    ).toBe(false)
    const judgeTraces = test.handler.judgeTraces
    expect(judgeTraces.map((trace) => trace.stats.llmCalls)).toEqual([1, 1])
    expect(judgeTraces.map((trace) => trace.stats.totalTokens)).toEqual([55, 55])
    const judgeSpans = judgeTraces.flatMap((trace) => spansOf(trace.rootSpan))
    expect(new Set(judgeSpans.map((span) => span.attributes?.['judge']))).toEqual(
      new Set(['faithfulness', 'relevancy']),
    )
    expect(test.scores.scores).toEqual([
      { name: 'faithfulness', value: 0.8, passing: true, comment: 'faithful', min: null },
      { name: 'relevancy', value: 0.8, passing: true, comment: 'faithful', min: null },
    ])
  })

  it('keeps the pipeline’s trace whole when a judge runs inside one of its events', async () => {
    const test = scope()
    await runInTestScope(test, () =>
      test.handler.callbackManager.event('query', { query_str: 'q' }, async () => {
        await test.handler.callbackManager.event('llm', {}, (event) =>
          event.setEndPayload(llmEnd(7, 3)),
        )
        await score('faithfulness', () => judge())
      }),
    )
    await test.handler.finish()
    expect(test.handler.traces).toHaveLength(1)
    expect(test.handler.traces[0]?.stats).toMatchObject({ llmCalls: 1, totalTokens: 10 })
    expect(test.handler.judgeTraces.map((trace) => trace.stats.totalTokens)).toEqual([55])
  })

  it('lets what a judge throws reach the test, keeping the trace of what it did and recording no score', async () => {
    const test = scope()
    const thrown = runInTestScope(test, () =>
      score('faithfulness', async () => {
        await judge()
        throw new Error('the judge model is down')
      }),
    )
    await expect(thrown).rejects.toThrow('the judge model is down')
    expect(test.scores.scores).toEqual([])
    expect(test.handler.judgeTraces.map((trace) => trace.stats.llmCalls)).toEqual([1])
  })

  it('warns, once, outside a test, and still runs a judge and returns its result', async () => {
    score('faithfulness', 1)
    score.all({ a: 1 })
    expect(await score('faithfulness', () => 0.5)).toBe(0.5)
    expect(warnings).toEqual([expect.stringContaining('score() was called outside a test')])
  })

  it('warns when score.all is given something that is not an object of scores, and on each bad entry', () => {
    const test = scope('rag > all')
    runInTestScope(test, () => {
      score.all(null as unknown as Record<string, number>)
      score.all({ good: 1, bad: Number.NaN })
    })
    expect(test.scores.scores.map((s) => s.name)).toEqual(['good'])
    expect(warnings).toEqual([
      'vitest-wandb: score.all() takes an object of scores by name; got null, so nothing is recorded',
      'vitest-wandb: score "bad" of the test "rag > all" is NaN, not a finite number; it is left out',
    ])
  })
})
