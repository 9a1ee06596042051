import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CBEventType, EventPayload } from 'vitest-wandb'
import type { CallbackManager } from 'vitest-wandb'

/** A document of the handbook. */
export interface Doc {
  readonly id: string
  readonly text: string
}

export interface Answer {
  readonly text: string
  readonly sources: readonly string[]
}

const DOCS_DIR = join(import.meta.dirname, 'docs')

export function loadHandbook(): Doc[] {
  return readdirSync(DOCS_DIR)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({ id: name, text: readFileSync(join(DOCS_DIR, name), 'utf8') }))
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? []
}

/** A deterministic stand-in for an embedding model: word overlap scores, no network. */
function score(query: string, doc: Doc): number {
  const docWords = new Set(words(doc.text))
  const queryWords = words(query)
  return queryWords.filter((word) => docWords.has(word)).length / Math.max(1, queryWords.length)
}

/** Answers a question from the handbook, emitting query → retrieve → synthesize → llm events. */
export async function ask(manager: CallbackManager, handbook: readonly Doc[], question: string): Promise<Answer> {
  return manager.event(CBEventType.QUERY, { [EventPayload.QUERY_STR]: question }, async (query) => {
    const ranked = await manager.event(CBEventType.RETRIEVE, { [EventPayload.QUERY_STR]: question }, (retrieve) => {
      const nodes = handbook
        .map((doc) => ({ node: { id_: doc.id, text: doc.text }, score: score(question, doc) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 2)
      retrieve.setEndPayload({ [EventPayload.NODES]: nodes })
      return nodes
    })
    const answer = await manager.event(CBEventType.SYNTHESIZE, { [EventPayload.QUERY_STR]: question }, (synthesize) => {
      const best = ranked[0]
      const context = best?.node.text ?? ''
      const prompt = `Answer from the context.\nContext: ${context}\nQuestion: ${question}`
      const llm = manager.onEventStart(CBEventType.LLM, { [EventPayload.PROMPT]: prompt })
      const sentence = context.split('\n').find((line) => line.trim() !== '' && !line.startsWith('#')) ?? ''
      const text = `${sentence.trim()} [${best?.node.id_ ?? 'no source'}]`
      manager.onEventEnd(CBEventType.LLM, { [EventPayload.PROMPT]: prompt, [EventPayload.COMPLETION]: text }, llm)
      synthesize.setEndPayload({ [EventPayload.RESPONSE]: text })
      return { text, sources: best === undefined ? [] : [best.node.id_] }
    })
    query.setEndPayload({ [EventPayload.RESPONSE]: answer.text })
    return answer
  })
}
