import type { CallbackManager } from 'vitest-wandb'

/** One trace of 40 spans: a query with retrieve/synthesize/llm groups under it. */
export async function emitTrace(manager: CallbackManager, name: string): Promise<void> {
  await manager.asTrace('query', async () => {
    const query = manager.onEventStart('query', { query_str: name })
    for (let span = 1; span < 40; span += 3) {
      const retrieve = manager.onEventStart('retrieve', { query_str: name }, undefined, query)
      manager.onEventEnd('retrieve', { nodes: [{ node: { id_: 'n' + span, text: 'some retrieved text' }, score: 0.5 }] }, retrieve)
      if (span + 1 >= 40) break
      const synthesize = manager.onEventStart('synthesize', { query_str: name }, undefined, query)
      if (span + 2 < 40) {
        const llm = manager.onEventStart('llm', { messages: [{ role: 'user', content: name }] }, undefined, synthesize)
        manager.onEventEnd('llm', { response: { message: { role: 'assistant', content: 'ok' }, raw: { usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } } } }, llm)
      }
      manager.onEventEnd('synthesize', { response: 'ok' }, synthesize)
    }
    manager.onEventEnd('query', { response: 'done' }, query)
  })
}
