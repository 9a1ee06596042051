import { Settings } from 'llamaindex'
import { buildHandbookIndex, useFakeModels } from '../../examples/rag/handbook.js'
import { WandbCallbackHandler } from '../../src/handler.js'
import { attachLlamaIndex } from '../../src/integrations/llamaindex.js'
useFakeModels()
const index = await buildHandbookIndex()
const handler = new WandbCallbackHandler()
const detach = attachLlamaIndex(Settings.callbackManager, { target: handler.callbackManager })
const engine = index.asQueryEngine()
await engine.query({ query: 'How many days do I have to ask for a refund?' })
await handler.finish()
detach()
const s = JSON.stringify(handler.traces[0]?.rootSpan, null, 1)
console.log(s.length, s.slice(s.indexOf(`"llm"`)))
