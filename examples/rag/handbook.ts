import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  Document,
  QueryEngineTool,
  Settings,
  SubQuestionQueryEngine,
  VectorStoreIndex,
} from 'llamaindex'
import type { ChatMessage } from 'llamaindex'
import { traceEmbeddings } from 'vitest-wandb/llamaindex'
import { FakeEmbedding } from './models/fake-embedding.js'
import { answerFromContext, FakeLLM, lastText, subQuestionResponder } from './models/fake-llm.js'
import type { FakeReply } from './models/fake-llm.js'

const DOCS_DIR = join(import.meta.dirname, 'docs')

/** The handbook's Markdown pages as LlamaIndex documents, each tagged with its file name. */
export function handbookDocuments(): Document[] {
  return readdirSync(DOCS_DIR)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map(
      (name) =>
        new Document({
          id_: name,
          text: readFileSync(join(DOCS_DIR, name), 'utf8'),
          metadata: { file_name: name },
        }),
    )
}

/**
 * The fake chat model of the examples: it answers from the retrieved context, plans two
 * sub-questions when asked to, and fails on questions the handbook cannot answer (gift cards).
 */
export function handbookModel(): FakeLLM {
  const plan = subQuestionResponder([
    { subQuestion: 'How long do refunds take?', toolName: 'handbook' },
    { subQuestion: 'How fast is express shipping?', toolName: 'handbook' },
  ])
  return new FakeLLM((messages: readonly ChatMessage[]): FakeReply => {
    if (/gift card/i.test(lastText(messages)))
      throw new Error('the model found no handbook page about gift cards')
    return lastText(messages).includes('<User Question>')
      ? plan(messages)
      : answerFromContext(messages)
  })
}

/** Deterministic models, no network, no key; embedding calls are traced as spans too. */
export function useFakeModels(): void {
  Settings.llm = handbookModel()
  Settings.embedModel = new FakeEmbedding()
  traceEmbeddings(Settings.embedModel)
}

export function buildHandbookIndex(): Promise<VectorStoreIndex> {
  return VectorStoreIndex.fromDocuments(handbookDocuments())
}

/** The ids of the index's nodes cut from the handbook page `fileName`: what retrieval should find. */
export async function pageNodeIds(index: VectorStoreIndex, fileName: string): Promise<string[]> {
  const nodes = Object.values(await index.docStore.docs())
  return nodes.filter((node) => node.metadata['file_name'] === fileName).map((node) => node.id_)
}

/** A sub-question engine over the handbook: splits a question, answers each part, then combines them. */
export function subQuestionEngine(index: VectorStoreIndex): SubQuestionQueryEngine {
  return SubQuestionQueryEngine.fromDefaults({
    queryEngineTools: [
      new QueryEngineTool({
        queryEngine: index.asQueryEngine(),
        metadata: {
          name: 'handbook',
          description: 'The customer handbook: refunds, shipping, warranty.',
        },
      }),
    ],
  })
}
