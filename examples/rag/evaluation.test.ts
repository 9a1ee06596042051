import { Settings } from 'llamaindex'
import type { VectorStoreIndex } from 'llamaindex'
import { FaithfulnessEvaluator } from 'llamaindex/evaluation'
import { retrievalMetrics, retrievedNodeIds } from 'vitest-wandb'
import { beforeAll, describe, expect, test } from 'vitest-wandb/test'
import { buildHandbookIndex, pageNodeIds, useFakeModels } from './handbook.js'
import { FakeLLM, faithfulnessJudge } from './models/fake-llm.js'

let index: VectorStoreIndex

beforeAll(async () => {
  useFakeModels()
  index = await buildHandbookIndex()
})

/** Questions, and the handbook page whose nodes a good retriever returns for each. */
const dataset = [
  { question: 'How many days do I have to ask for a refund?', page: 'refunds.md' },
  { question: 'When does express shipping arrive?', page: 'shipping.md' },
  { question: 'Is accidental damage covered by the warranty?', page: 'warranty.md' },
]

describe('evaluating the handbook assistant', () => {
  test.for(dataset)('answers from $page', async ({ question, page }, { handler, score }) => {
    const response = await index.asQueryEngine({ similarityTopK: 2 }).query({ query: question })
    const expected = await pageNodeIds(index, page)
    score.all(retrievalMetrics({ retrieved: retrievedNodeIds(handler.traces), expected }))
    // The judge's own LLM calls are traced apart and counted as judge calls and tokens.
    const judged = await score(
      'faithfulness',
      () =>
        Settings.withLLM(new FakeLLM(faithfulnessJudge), () =>
          new FaithfulnessEvaluator().evaluateResponse({ query: question, response }),
        ),
      { min: 0.5 },
    )
    expect(judged.passing).toBe(true)
  })
})
