import { describe, expect, test } from 'vitest-wandb/test'
import { ask, loadHandbook } from './pipeline.js'

const handbook = loadHandbook()

describe('the handbook assistant', () => {
  test('retrieves the refunds page for a refund question', async ({ handler }) => {
    const answer = await ask(handler.callbackManager, handbook, 'How many days do I have to ask for a refund?')
    expect(answer.sources).toEqual(['refunds.md'])
  })

  test('answers with a citation', async ({ handler }) => {
    const answer = await ask(handler.callbackManager, handbook, 'When does express shipping arrive?')
    expect(answer.text).toMatch(/\[shipping\.md\]$/)
  })

  test.fails('knows nothing about gift cards (expected to fail)', async ({ handler }) => {
    const answer = await ask(handler.callbackManager, handbook, 'Can I pay with a gift card?')
    expect(answer.text).toContain('gift card')
  })

  test('traces query, retrieval, synthesis and the LLM call', async ({ handler }) => {
    await ask(handler.callbackManager, handbook, 'Is accidental damage covered by the warranty?')
    expect(handler.traces).toMatchInlineSpanSnapshot(`
      query (AGENT)
      ├─ retrieve (TOOL)
      └─ synthesize (CHAIN)
         └─ llm (LLM)
    `)
  })
})
