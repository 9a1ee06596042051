import { Settings, VectorStoreIndex } from 'llamaindex'
import { afterAll, beforeAll } from 'vitest'
import { FakeEmbedding } from '../../../examples/rag/models/fake-embedding.js'
import { answerFromContext, FakeLLM } from '../../../examples/rag/models/fake-llm.js'
import { attachLlamaIndex, traceEmbeddings } from '../../../src/integrations/llamaindex.js'
import { handbookDocuments } from './documents.js'

/**
 * For the calling test file: fake models, the adapter attached and embeddings traced, and an index of
 * the handbook built once; all undone after the file. Returns the index.
 */
export function useTracedHandbookIndex(): () => VectorStoreIndex {
  let index: VectorStoreIndex | undefined
  let undo: (() => void)[] = []
  beforeAll(async () => {
    Settings.llm = new FakeLLM(answerFromContext)
    Settings.embedModel = new FakeEmbedding()
    undo = [attachLlamaIndex(Settings.callbackManager), traceEmbeddings(Settings.embedModel)]
    index = await VectorStoreIndex.fromDocuments(handbookDocuments())
  })
  afterAll(() => {
    for (const step of undo.reverse()) step()
  })
  return () => {
    if (index === undefined) throw new Error('the handbook index is used before it was built')
    return index
  }
}
