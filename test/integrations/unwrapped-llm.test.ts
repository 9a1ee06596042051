import { MockLLM } from '@llamaindex/core/llms/mock'
import { Settings } from 'llamaindex'
import type { LLM } from 'llamaindex'
import { afterEach, describe, expect, it } from 'vitest'
import { answerFromContext, FakeLLM } from '../../examples/rag/models/fake-llm.js'
import { runAsTest } from './support/run-as-test.js'
import { allSpans } from './support/span-outline.js'
import { useTracedHandbookIndex } from './support/traced-handbook.js'

const handbookIndex = useTracedHandbookIndex()

/** The names of the spans one query made with `llm` as the model. */
async function spansOfQueryWith(llm: LLM): Promise<string[]> {
  Settings.llm = llm
  const run = await runAsTest(() =>
    handbookIndex().asQueryEngine().query({ query: 'How many days do refunds take?' }),
  )
  return allSpans(run.handler.traces).map((span) => span.name ?? '')
}

describe('an LLM without wrapLLMEvent, as the README warns', () => {
  afterEach(() => {
    Settings.llm = new FakeLLM(answerFromContext)
  })

  it("gives no llm span for LlamaIndex.TS's MockLLM, whose chat emits no llm events", async () => {
    const names = await spansOfQueryWith(new MockLLM())
    expect(names).toContain('synthesize')
    expect(names).not.toContain('llm')
  })

  it('gives an llm span for a model whose chat is wrapped with wrapLLMEvent', async () => {
    const names = await spansOfQueryWith(new FakeLLM(answerFromContext))
    expect(names.filter((name) => name === 'llm')).toHaveLength(1)
  })
})
