import {
  FunctionTool,
  LLMAgent,
  QueryEngineTool,
  Settings,
  SubQuestionQueryEngine,
  VectorStoreIndex,
} from 'llamaindex'
import type { ChatMessage } from 'llamaindex'
import { describe, expect, it } from 'vitest'
import { spanTreeSnapshot } from '../../src/trace/outline/span-tree-snapshot.js'
import { handbookDocuments, HANDBOOK_TEXTS } from './support/documents.js'
import { FAKE_EMBEDDING_DIMENSIONS } from '../../examples/rag/models/fake-embedding.js'
import {
  failingResponder,
  FakeLLM,
  subQuestionResponder,
  toolCallingResponder,
} from '../../examples/rag/models/fake-llm.js'
import { runAsTest } from './support/run-as-test.js'
import { allSpans, spanOutline } from './support/span-outline.js'
import { useTracedHandbookIndex } from './support/traced-handbook.js'
import { cl100kTokenizer } from '../../src/trace/token-counter.js'
import { captureWarnings } from '../support/warnings.js'

const warnings = captureWarnings()
const handbookIndex = useTracedHandbookIndex()

describe('LlamaIndex.TS pipelines traced through the adapter', () => {
  it('traces an index build: node parsing with its chunking, then the embedding of the nodes', async () => {
    const run = await runAsTest(() => VectorStoreIndex.fromDocuments(handbookDocuments()))

    expect(run.tracesEndedByThemselves).toBe(2)
    expect(spanOutline(run.handler.traces)).toBe(
      [
        'node_parsing in="num_documents" out="num_nodes"',
        '├─ chunking in="chunks" out="chunks"',
        '├─ chunking in="chunks" out="chunks"',
        '└─ chunking in="chunks" out="chunks"',
        'embedding in="model_name" out="num_chunks,dimensions"',
      ].join('\n'),
    )
    const [parsing, embedding] = run.handler.traces.map((trace) => trace.rootSpan)
    expect(parsing?.results?.[0]).toEqual({
      inputs: { num_documents: 3 },
      outputs: { num_nodes: 3 },
    })
    expect(embedding?.results?.[0]).toEqual({
      inputs: { model_name: 'fake-embedding' },
      outputs: { num_chunks: 3, dimensions: FAKE_EMBEDDING_DIMENSIONS },
    })
  })

  it('traces a query: retrieval with its query embedding, then synthesis and the LLM call', async () => {
    const run = await runAsTest(() =>
      handbookIndex().asQueryEngine().query({ query: 'How many days do refunds take?' }),
    )

    expect(String(run.result)).toBe('Refunds are accepted within 30 days of delivery.')
    expect(run.tracesEndedByThemselves).toBe(1)
    expect(spanOutline(run.handler.traces)).toBe(
      [
        'query (AGENT) in="query_str" out="response,source_nodes"',
        '├─ retrieve (TOOL) in="query_str" out="nodes,num_nodes"',
        '│  └─ embedding in="model_name" out="num_chunks,dimensions"',
        '└─ synthesize (CHAIN) in="query_str" out="response,source_nodes"',
        '   ├─ chunking in="chunks" out="chunks"',
        '   ├─ chunking in="chunks" out="chunks"',
        '   └─ llm (LLM) in="messages" out="response"',
      ].join('\n'),
    )
    const spans = allSpans(run.handler.traces)
    const query = spans.find((span) => span.name === 'query')
    const retrieve = spans.find((span) => span.name === 'retrieve')
    const llm = spans.find((span) => span.name === 'llm')
    expect(query?.results?.[0]?.inputs).toEqual({ query_str: 'How many days do refunds take?' })
    expect(query?.results?.[0]?.outputs?.['response']).toBe(
      'Refunds are accepted within 30 days of delivery.',
    )
    expect(retrieve?.results?.[0]?.outputs?.['num_nodes']).toBe(2)
    expect(retrieve?.results?.[0]?.outputs?.['nodes']).toEqual([
      expect.objectContaining({ text: HANDBOOK_TEXTS.refunds, score: expect.any(Number) }),
      expect.objectContaining({ text: expect.any(String), score: expect.any(Number) }),
    ])
    expect(llm?.results?.[0]?.outputs).toEqual({
      response: 'assistant: Refunds are accepted within 30 days of delivery.',
    })
    expect(run.handler.traces[0]?.stats.llmCalls).toBe(1)
  })

  it('traces a streaming query: the trace ends when the stream is drained, with the full answer on the LLM span', async () => {
    const chunks: string[] = []
    const run = await runAsTest(async () => {
      const stream = await handbookIndex()
        .asQueryEngine()
        .query({ query: 'How many days do refunds take?', stream: true })
      for await (const chunk of stream) chunks.push(chunk.delta)
    })

    expect(chunks.join('')).toBe('Refunds are accepted within 30 days of delivery.')
    expect(run.tracesEndedByThemselves).toBe(1)
    expect(spanTreeSnapshot(run.handler.traces).text).toBe(
      [
        'query (AGENT)',
        '├─ retrieve (TOOL)',
        '│  └─ embedding',
        '└─ synthesize (CHAIN)',
        '   ├─ chunking',
        '   ├─ chunking',
        '   └─ llm (LLM)',
      ].join('\n'),
    )
    expect(spanOutline(run.handler.traces).split('\n')).toEqual([
      'query (AGENT) in="query_str" out="response,streamed"',
      '├─ retrieve (TOOL) in="query_str" out="nodes,num_nodes"',
      '│  └─ embedding in="model_name" out="num_chunks,dimensions"',
      '└─ synthesize (CHAIN) in="query_str" out="response,streamed,source_nodes"',
      '   ├─ chunking in="chunks" out="chunks"',
      '   ├─ chunking in="chunks" out="chunks"',
      '   └─ llm (LLM) in="messages" out="response"',
    ])
    const llm = allSpans(run.handler.traces).find((span) => span.name === 'llm')
    expect(llm?.status_code).toBe('SUCCESS')
    expect(llm?.results?.[0]?.outputs).toEqual({
      response: 'assistant: Refunds are accepted within 30 days of delivery.',
    })
  })

  it('traces a sub-question query: the question-writing LLM call, then each sub-query nested under the outer query', async () => {
    const responder = subQuestionResponder([
      { subQuestion: 'How many days do refunds take?', toolName: 'refunds' },
      { subQuestion: 'When does express shipping arrive?', toolName: 'shipping' },
    ])
    const run = await runAsTest(() =>
      Settings.withLLM(new FakeLLM(responder), () => {
        const tools = ['refunds', 'shipping'].map(
          (name) =>
            new QueryEngineTool({
              queryEngine: handbookIndex().asQueryEngine(),
              metadata: { name, description: `Answers questions about ${name}.` },
            }),
        )
        const engine = SubQuestionQueryEngine.fromDefaults({ queryEngineTools: tools })
        return engine.query({ query: 'How do refunds and express shipping work?' })
      }),
    )

    expect(run.tracesEndedByThemselves).toBe(1)
    expect(spanOutline(run.handler.traces)).toBe(
      [
        'query (AGENT) in="query_str" out="response,source_nodes"',
        '├─ llm (LLM) in="messages" out="response"',
        '├─ query (AGENT) in="query_str" out="response,source_nodes"',
        '│  ├─ retrieve (TOOL) in="query_str" out="nodes,num_nodes"',
        '│  │  └─ embedding in="model_name" out="num_chunks,dimensions"',
        '│  └─ synthesize (CHAIN) in="query_str" out="response,source_nodes"',
        '│     ├─ chunking in="chunks" out="chunks"',
        '│     ├─ chunking in="chunks" out="chunks"',
        '│     └─ llm (LLM) in="messages" out="response"',
        '├─ query (AGENT) in="query_str" out="response,source_nodes"',
        '│  ├─ retrieve (TOOL) in="query_str" out="nodes,num_nodes"',
        '│  │  └─ embedding in="model_name" out="num_chunks,dimensions"',
        '│  └─ synthesize (CHAIN) in="query_str" out="response,source_nodes"',
        '│     ├─ chunking in="chunks" out="chunks"',
        '│     ├─ chunking in="chunks" out="chunks"',
        '│     └─ llm (LLM) in="messages" out="response"',
        '└─ synthesize (CHAIN) in="query_str" out="response,source_nodes"',
        '   ├─ chunking in="chunks" out="chunks"',
        '   ├─ chunking in="chunks" out="chunks"',
        '   └─ llm (LLM) in="messages" out="response"',
      ].join('\n'),
    )
    const subQueries = run.handler.traces[0]?.rootSpan.child_spans?.filter(
      (span) => span.name === 'query',
    )
    expect(subQueries?.map((span) => span.results?.[0]?.inputs?.['query_str'])).toEqual([
      'How many days do refunds take?',
      'When does express shipping arrive?',
    ])
    expect(subQueries?.map((span) => span.results?.[0]?.outputs?.['response'])).toEqual([
      'Refunds are accepted within 30 days of delivery.',
      'Standard shipping takes five business days.',
    ])
    const [first, second] = subQueries ?? []
    expect(second?.start_time_ms).toBeLessThan(first?.end_time_ms ?? 0)
  })

  it('renders a chat message whose content is parts: its text in order, an image and a file as placeholders', async () => {
    const messages: ChatMessage[] = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Refunds take 30 days. ' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${'A'.repeat(5_000)}` } },
          { type: 'file', data: 'AAAA', mimeType: 'application/pdf' },
          { type: 'text', text: 'How long do refunds take?' },
        ],
      },
    ]
    const before = structuredClone(messages)
    const run = await runAsTest(() => new FakeLLM().chat({ messages }))

    expect(spanOutline(run.handler.traces)).toBe('llm (LLM) in="messages" out="response"')
    const llm = allSpans(run.handler.traces)[0]
    const prompt = 'user: Refunds take 30 days. [image][file]How long do refunds take?'
    const completion = 'assistant: Refunds take 30 days.'
    expect(llm?.results?.[0]).toEqual({
      inputs: { messages: prompt },
      outputs: { response: completion },
    })
    const promptCount = cl100kTokenizer(prompt).length
    expect(llm?.attributes).toMatchObject({
      formatted_prompt_tokens_count: promptCount,
      prediction_tokens_count: cl100kTokenizer(completion).length,
    })
    expect(promptCount).toBeLessThan(30)
    expect(messages).toEqual(before)
    expect(warnings).toEqual([])
  })

  it('leaves the spans of a query whose LLM throws open, and the finished test closes them as ERROR', async () => {
    const run = await runAsTest(() =>
      Settings.withLLM(new FakeLLM(failingResponder('the provider is down')), () =>
        handbookIndex().asQueryEngine().query({ query: 'How many days do refunds take?' }),
      ),
    )

    expect(run.result).toBeInstanceOf(Error)
    expect((run.result as Error).message).toBe('the provider is down')
    expect(run.tracesEndedByThemselves).toBe(0)
    expect(spanTreeSnapshot(run.handler.traces).text).toBe(
      [
        'query (AGENT) ✗ query did not end before its trace ended',
        '├─ retrieve (TOOL)',
        '│  └─ embedding',
        '└─ synthesize (CHAIN) ✗ synthesize did not end before its trace ended',
        '   ├─ chunking',
        '   ├─ chunking',
        '   └─ llm (LLM) ✗ llm did not end before its trace ended',
      ].join('\n'),
    )
    expect(spanOutline(run.handler.traces).split('\n')).toEqual([
      'query (AGENT) in="query_str" out="-" ✗ query did not end before its trace ended',
      '├─ retrieve (TOOL) in="query_str" out="nodes,num_nodes"',
      '│  └─ embedding in="model_name" out="num_chunks,dimensions"',
      '└─ synthesize (CHAIN) in="query_str" out="-" ✗ synthesize did not end before its trace ended',
      '   ├─ chunking in="chunks" out="chunks"',
      '   ├─ chunking in="chunks" out="chunks"',
      '   └─ llm (LLM) in="messages" out="-" ✗ llm did not end before its trace ended',
    ])
    expect(warnings).toEqual([])
  })

  it('traces an agent with a tool call: one span per step, the tool call beside the LLM call that asked for it', async () => {
    const lookup = FunctionTool.from(
      ({ topic }: { topic: string }) => HANDBOOK_TEXTS[topic as keyof typeof HANDBOOK_TEXTS],
      {
        name: 'lookup',
        description: 'Reads a handbook page.',
        parameters: {
          type: 'object',
          properties: { topic: { type: 'string' } },
          required: ['topic'],
        },
      },
    )
    const llm = new FakeLLM(toolCallingResponder('lookup', { topic: 'refunds' }))
    const run = await runAsTest(() =>
      new LLMAgent({ llm, tools: [lookup] }).chat({ message: 'How long do refunds take?' }),
    )

    expect(String(run.result)).toBe(`The handbook says: ${HANDBOOK_TEXTS.refunds}`)
    expect(run.tracesEndedByThemselves).toBe(1)
    expect(spanOutline(run.handler.traces)).toBe(
      [
        'agent_step (CHAIN)',
        '├─ agent_step (AGENT) in="messages" out="response"',
        '│  ├─ llm (LLM) in="messages" out="response"',
        '│  └─ function_call (TOOL) in="tool,function_call" out="function_call_response"',
        '└─ agent_step (AGENT) in="messages" out="response"',
        '   └─ llm (LLM) in="messages" out="response"',
      ].join('\n'),
    )
    const call = allSpans(run.handler.traces).find((span) => span.name === 'function_call')
    expect(call?.results?.[0]).toEqual({
      inputs: { tool: { name: 'lookup' }, function_call: { topic: 'refunds' } },
      outputs: { function_call_response: HANDBOOK_TEXTS.refunds },
    })
    const [, last] = run.handler.traces[0]?.rootSpan.child_spans ?? []
    expect(last?.results?.[0]?.outputs).toEqual({
      response: {
        role: 'assistant',
        content: `The handbook says: ${HANDBOOK_TEXTS.refunds}`,
        options: {},
      },
    })
  })
})
