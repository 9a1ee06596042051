import { describe, it } from 'vitest'
import { expect } from '../../src/vitest/test.js'
import { WandbCallbackHandler } from '../../src/handler.js'
import { spanTreeSnapshot } from '../../src/trace/outline/span-tree-snapshot.js'

async function traced(withError: boolean): Promise<WandbCallbackHandler> {
  const handler = new WandbCallbackHandler({ tokenizer: (text) => text.split(' ') })
  const cm = handler.callbackManager
  await cm.asTrace('rag', async () => {
    await cm.event('query', { query_str: 'q' }, async () => {
      await cm.event('retrieve', undefined, () => undefined)
      await cm.event('embedding', undefined, () => undefined).catch(() => undefined)
      const llm = cm.onEventStart('llm', { formatted_prompt: 'two words' })
      cm.onEventEnd(
        'llm',
        withError
          ? { exception: new Error('rate limited\nretry later') }
          : { response: 'three more words' },
        llm,
      )
    })
    await cm.event('query', { query_str: 'again' }, () => undefined)
  })
  return handler
}

describe('span tree snapshots', () => {
  it('renders kinds, names and nesting as an indented tree, without ids, times or tokens', async () => {
    const handler = await traced(false)
    expect(spanTreeSnapshot(handler.traces).text).toBe(
      [
        'rag (CHAIN)',
        '├─ query (AGENT)',
        '│  ├─ retrieve (TOOL)',
        '│  ├─ embedding',
        '│  └─ llm (LLM)',
        '└─ query (AGENT)',
      ].join('\n'),
    )
  })

  it('adds token counts only when asked', async () => {
    const handler = await traced(false)
    expect(spanTreeSnapshot(handler.traces, { tokens: true }).text).toContain(
      'llm (LLM) formatted_prompt_tokens_count=2 prediction_tokens_count=3 total_tokens_used=5',
    )
  })

  it('marks failed spans with the first line of their message', async () => {
    const handler = await traced(true)
    const text = spanTreeSnapshot(handler.traces).text
    expect(text).toContain('│  └─ llm (LLM) ✗ Error: rate limited')
    expect(text).not.toContain('retry later')
    // A failed child does not fail the parent that caught it: the query ended normally.
    expect(text.split('\n').slice(0, 2)).toEqual(['rag (CHAIN)', '├─ query (AGENT)'])
  })

  it('takes a handler, its traces, one trace or one span alike', async () => {
    const handler = await traced(false)
    const fromTraces = spanTreeSnapshot(handler.traces).text
    expect(spanTreeSnapshot(handler).text).toBe(fromTraces)
    expect(spanTreeSnapshot(handler.traces[0]!).text).toBe(fromTraces)
    expect(spanTreeSnapshot(handler.traces[0]!.rootSpan).text).toBe(fromTraces)
    expect(() => spanTreeSnapshot(42 as never)).toThrow(/expects handler.traces/)
  })

  // A mismatch fails in the real runs of test/e2e/snapshots.test.ts: caught here, it would still
  // count as a failed snapshot in this run's summary.
  it('matches through the registered matchers and serializer', async () => {
    const handler = await traced(false)
    expect(handler.traces).toMatchInlineSpanSnapshot(`
      rag (CHAIN)
      ├─ query (AGENT)
      │  ├─ retrieve (TOOL)
      │  ├─ embedding
      │  └─ llm (LLM)
      └─ query (AGENT)
    `)
  })
})
