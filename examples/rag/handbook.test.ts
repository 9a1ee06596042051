import type { VectorStoreIndex } from 'llamaindex'
import { beforeAll, describe, expect, test } from 'vitest-wandb/test'
import { buildHandbookIndex, subQuestionEngine, useFakeModels } from './handbook.js'

let index: VectorStoreIndex

beforeAll(async () => {
  useFakeModels()
  index = await buildHandbookIndex()
})

function fileOf(node: { node: { metadata: Record<string, unknown> } } | undefined): unknown {
  return node?.node.metadata['file_name']
}

describe('the handbook assistant', () => {
  test('persists the handbook index as a W&B artifact', async ({ handler }) => {
    const persisted = await handler.persistIndex(index, 'handbook-index')
    expect(persisted.files.map((file) => file.path).sort()).toEqual([
      'doc_store.json',
      'index_store.json',
      'vector_store.json',
    ])
  })

  test('retrieves the refunds page for a refund question', async () => {
    const nodes = await index
      .asRetriever({ similarityTopK: 1 })
      .retrieve({ query: 'How many days do I have to ask for a refund?' })
    expect(fileOf(nodes[0])).toBe('refunds.md')
  })

  test('answers from the page it cites', async () => {
    const response = await index
      .asQueryEngine()
      .query({ query: 'When does express shipping arrive?' })
    expect(fileOf(response.sourceNodes?.[0])).toBe('shipping.md')
    expect(response.toString()).toMatch(/ship/i)
  })

  test('streams an answer', async () => {
    const stream = await index
      .asQueryEngine()
      .query({ query: 'Is accidental damage covered by the warranty?', stream: true })
    let answer = ''
    for await (const chunk of stream) answer += chunk.delta
    expect(answer).toMatch(/warranty/i)
  })

  test('splits a two-part question into sub-questions', async () => {
    const response = await subQuestionEngine(index).query({
      query: 'How long do refunds take, and how fast is express shipping?',
    })
    expect(response.toString().length).toBeGreaterThan(0)
  })

  test.fails('knows nothing about gift cards (expected to fail: the model errors)', async () => {
    const response = await index.asQueryEngine().query({ query: 'Can I pay with a gift card?' })
    expect(response.toString()).toContain('gift card')
  })

  test('traces retrieval, synthesis and the LLM call under the query', async ({ handler }) => {
    await index.asQueryEngine().query({ query: 'How many days do I have to ask for a refund?' })
    expect(handler.traces).toMatchInlineSpanSnapshot(`
      query (AGENT)
      ├─ retrieve (TOOL)
      │  └─ embedding
      └─ synthesize (CHAIN)
         ├─ chunking
         ├─ chunking
         └─ llm (LLM)
    `)
  })
})
