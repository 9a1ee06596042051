import { afterEach, describe, expect, it } from 'vitest'
import { WandbCallbackHandler } from '../../src/handler.js'
import {
  attachLlamaIndex,
  TRACED_EMBEDDING_METHODS,
  traceEmbeddings,
} from '../../src/integrations/llamaindex.js'
import { captureWarnings } from '../support/warnings.js'
import { FakeLlamaIndexManager, RecordingTarget } from './support/fake-callback-manager.js'
import {
  embedWords,
  FAKE_EMBEDDING_DIMENSIONS,
  FakeEmbedding,
} from '../../examples/rag/models/fake-embedding.js'
import { spanOutline } from './support/span-outline.js'

const warnings = captureWarnings()
const undos: (() => void)[] = []

afterEach(() => {
  undos.splice(0).forEach((undo) => undo())
})

function traced(model: FakeEmbedding, handler: WandbCallbackHandler): FakeEmbedding {
  undos.push(traceEmbeddings(model, { target: handler.callbackManager }))
  return model
}

function embeddingResults(handler: WandbCallbackHandler): unknown[] {
  return handler.traces.map((trace) => trace.rootSpan.results?.[0])
}

describe('traceEmbeddings', () => {
  it('emits one EMBEDDING span per call, with the model, the number of texts and the dimensions, and returns the same vectors', async () => {
    const handler = new WandbCallbackHandler()
    const model = traced(new FakeEmbedding(), handler)

    expect(await model.getTextEmbedding('refunds')).toEqual(embedWords('refunds'))
    expect(await model.getTextEmbeddings(['refunds', 'shipping'])).toEqual([
      embedWords('refunds'),
      embedWords('shipping'),
    ])
    expect(await model.getTextEmbeddingsBatch(['a', 'b', 'c'])).toEqual(
      ['a', 'b', 'c'].map(embedWords),
    )
    expect(await model.getQueryEmbedding({ type: 'text', text: 'refunds?' })).toEqual(
      embedWords('refunds?'),
    )

    const outputs = (texts: number) => ({
      num_chunks: texts,
      dimensions: FAKE_EMBEDDING_DIMENSIONS,
    })
    expect(embeddingResults(handler)).toEqual(
      [1, 2, 3, 1].map((texts) => ({
        inputs: { model_name: 'fake-embedding' },
        outputs: outputs(texts),
      })),
    )
    expect(spanOutline(handler.traces).split('\n')).toEqual(
      Array(4).fill('embedding in="model_name" out="num_chunks,dimensions"'),
    )
  })

  it('gives concurrent calls of one model a span each', async () => {
    const handler = new WandbCallbackHandler()
    const model = traced(new FakeEmbedding(), handler)

    await Promise.all([model.getTextEmbedding('a'), model.getTextEmbeddings(['b', 'c'])])

    expect(spanOutline(handler.traces).split('\n')).toEqual([
      'embedding (CHAIN)',
      '├─ embedding in="model_name" out="num_chunks,dimensions"',
      '└─ embedding in="model_name" out="num_chunks,dimensions"',
    ])
    const [first, second] = handler.traces[0]?.rootSpan.child_spans ?? []
    expect(first?.results?.[0]?.outputs?.['num_chunks']).toBe(1)
    expect(second?.results?.[0]?.outputs?.['num_chunks']).toBe(2)
  })

  it('rethrows a failing call unchanged and ends its span as an error', async () => {
    const handler = new WandbCallbackHandler()
    const model = new FakeEmbedding()
    const failure = new Error('embedding service unavailable')
    model.getTextEmbedding = () => Promise.reject(failure)
    traced(model, handler)

    await expect(model.getTextEmbedding('refunds')).rejects.toBe(failure)

    expect(handler.traces).toHaveLength(1)
    expect(handler.traces[0]?.rootSpan.status_code).toBe('ERROR')
    expect(handler.traces[0]?.rootSpan.status_message).toBe('Error: embedding service unavailable')
  })

  it('never wraps a model twice, and undo puts back the original methods', async () => {
    const handler = new WandbCallbackHandler()
    const model = new FakeEmbedding()
    const ownTextEmbeddings = model.getTextEmbeddings
    const undo = traceEmbeddings(model, { target: handler.callbackManager })

    expect(traceEmbeddings(model, { target: handler.callbackManager })).toBe(undo)
    await model.getTextEmbedding('once')
    expect(handler.traces).toHaveLength(1)
    for (const method of TRACED_EMBEDDING_METHODS) expect(Object.hasOwn(model, method)).toBe(true)

    undo()
    expect(model.getTextEmbeddings).toBe(ownTextEmbeddings)
    expect(Object.hasOwn(model, 'getTextEmbedding')).toBe(false)
    expect(Object.hasOwn(model, 'getQueryEmbedding')).toBe(false)
    expect(Object.hasOwn(model, 'getTextEmbeddingsBatch')).toBe(false)
    await model.getTextEmbedding('untraced')
    expect(handler.traces).toHaveLength(1)
    undo()
    expect(model.getTextEmbeddings).toBe(ownTextEmbeddings)
  })

  it('sends its spans through an attached LlamaIndex manager, so they nest where the embedding was asked for', async () => {
    const manager = new FakeLlamaIndexManager()
    const target = new RecordingTarget()
    undos.push(attachLlamaIndex(manager, { target }))
    const model = new FakeEmbedding()
    undos.push(traceEmbeddings(model))

    manager.send('node-parsing-start', { documents: ['refunds'] })
    await model.getTextEmbeddings(['refunds', 'shipping'])
    manager.send('node-parsing-end', { nodes: [] })

    expect(target.lines()).toEqual([
      'start node_parsing s1<root',
      'start embedding s2<s1',
      'end embedding s2',
      'end node_parsing s1',
    ])
    expect(target.calls[1]?.payload).toEqual({
      model_name: 'fake-embedding',
      chunks: ['refunds', 'shipping'],
    })
    expect(target.calls[2]?.payload).toEqual({
      embeddings: [embedWords('refunds'), embedWords('shipping')],
    })
    expect(warnings).toEqual([])
  })

  it('leaves a model it cannot change as it was, with a warning', async () => {
    const model = Object.freeze(new FakeEmbedding())

    const undo = traceEmbeddings(model)

    expect(Object.hasOwn(model, 'getTextEmbedding')).toBe(false)
    expect(await model.getTextEmbedding('refunds')).toEqual(embedWords('refunds'))
    expect(warnings).toEqual([
      expect.stringMatching(
        /^vitest-wandb: could not trace this embedding model's calls: TypeError/,
      ),
    ])
    expect(() => undo()).not.toThrow()
  })
})
