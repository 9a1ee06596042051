import { Settings } from 'llamaindex'
import { describe, expect, it } from 'vitest'
import { WandbCallbackHandler } from '../../src/handler.js'
import { newTestScope, runInTestScope } from '../../src/routing/test-scope.js'
import { settle } from './support/run-as-test.js'
import { allSpans, spanOutline } from './support/span-outline.js'
import { useTracedHandbookIndex } from './support/traced-handbook.js'

const handbookIndex = useTracedHandbookIndex()

const QUERY_OUTLINE = [
  'query (AGENT) in="query_str" out="response,source_nodes"',
  '├─ retrieve (TOOL) in="query_str" out="nodes,num_nodes"',
  '│  └─ embedding in="model_name" out="num_chunks,dimensions"',
  '└─ synthesize (CHAIN) in="query_str" out="response,source_nodes"',
  '   ├─ chunking in="chunks" out="chunks"',
  '   ├─ chunking in="chunks" out="chunks"',
  '   └─ llm (LLM) in="messages" out="response"',
].join('\n')

describe('concurrent tests sharing the LlamaIndex callback manager', () => {
  it('gives each of 10 concurrent tests exactly the spans of its own query', async () => {
    const handlers = Array.from({ length: 10 }, () => new WandbCallbackHandler())
    const questions = handlers.map((_, test) => `Question ${test}: how many days do refunds take?`)
    const order: string[] = []
    const onStart = (): void => void order.push('start')
    const onEnd = (): void => void order.push('end')
    Settings.callbackManager.on('query-start', onStart).on('query-end', onEnd)

    try {
      await Promise.all(
        handlers.map((handler, test) =>
          runInTestScope(newTestScope(handler, 'a test'), async () => {
            await handbookIndex()
              .asQueryEngine()
              .query({ query: questions[test] as string })
            await settle()
          }),
        ),
      )
    } finally {
      Settings.callbackManager.off('query-start', onStart).off('query-end', onEnd)
    }

    expect(order.indexOf('end')).toBe(10)
    handlers.forEach((handler, test) => {
      expect(handler.traces).toHaveLength(1)
      expect(spanOutline(handler.traces)).toBe(QUERY_OUTLINE)
      const queryStrings = allSpans(handler.traces)
        .map((span) => span.results?.[0]?.inputs?.['query_str'])
        .filter((text) => text !== undefined)
      expect(queryStrings).toEqual([questions[test], questions[test], questions[test]])
    })
  })
})
