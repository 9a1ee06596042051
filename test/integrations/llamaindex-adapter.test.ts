import { afterEach, describe, expect, it } from 'vitest'
import { WandbCallbackHandler } from '../../src/handler.js'
import {
  attachLlamaIndex,
  EMBEDDING_EVENT_NAMES,
  LLAMAINDEX_EVENT_NAMES,
} from '../../src/integrations/llamaindex.js'
import type { SpanTarget } from '../../src/integrations/llamaindex.js'
import { MAX_OPEN_SPANS_PER_CONTEXT } from '../../src/integrations/llamaindex/span-tracker.js'
import { newTestScope, runInTestScope } from '../../src/routing/test-scope.js'
import { wordTokenizer } from '../support/tokenizers.js'
import { captureWarnings } from '../support/warnings.js'
import { caller, FakeLlamaIndexManager, RecordingTarget } from './support/fake-callback-manager.js'

const warnings = captureWarnings()
const detachers: (() => void)[] = []

afterEach(() => {
  detachers.splice(0).forEach((detach) => detach())
})

function attached(target: SpanTarget = new RecordingTarget()): FakeLlamaIndexManager {
  const manager = new FakeLlamaIndexManager()
  detachers.push(attachLlamaIndex(manager, { target }))
  return manager
}

describe('attachLlamaIndex', () => {
  it('listens to the 17 LlamaIndex events and the 2 embedding events, and detach removes every listener', () => {
    const manager = new FakeLlamaIndexManager()
    const detach = attachLlamaIndex(manager, { target: new RecordingTarget() })

    expect(LLAMAINDEX_EVENT_NAMES).toHaveLength(17)
    expect(manager.counts()).toEqual(
      Object.fromEntries(
        [...LLAMAINDEX_EVENT_NAMES, EMBEDDING_EVENT_NAMES.start, EMBEDDING_EVENT_NAMES.end].map(
          (name) => [name, 1],
        ),
      ),
    )
    detach()
    expect(manager.counts()).toEqual({})
    detach()
    expect(manager.counts()).toEqual({})
  })

  it('subscribes once when the same manager is attached to the same target twice, until both detach', () => {
    const manager = new FakeLlamaIndexManager()
    const target = new RecordingTarget()
    const first = attachLlamaIndex(manager, { target })
    const second = attachLlamaIndex(manager, { target })

    expect(manager.counts()['query-start']).toBe(1)
    manager.send('query-start', { id: 'q', query: 'refunds?' })
    expect(target.lines()).toEqual(['start query s1<root'])
    first()
    first()
    expect(manager.counts()['query-start']).toBe(1)
    second()
    expect(manager.counts()).toEqual({})
  })

  it('gives a second target its own subscription', () => {
    const manager = new FakeLlamaIndexManager()
    const one = new RecordingTarget()
    const other = new RecordingTarget()
    detachers.push(attachLlamaIndex(manager, { target: one }))
    detachers.push(attachLlamaIndex(manager, { target: other }))

    manager.send('retrieve-start', { id: 'r', query: { query: 'refunds?' } })

    expect(one.lines()).toEqual(['start retrieve s1<root'])
    expect(other.lines()).toEqual(['start retrieve s1<root'])
  })
})

describe('rebuilding the nesting', () => {
  it('pairs id-less node-parsing and chunking events by order, nesting chunking in node parsing', () => {
    const target = new RecordingTarget()
    const manager = attached(target)

    manager.send('node-parsing-start', { documents: ['a', 'b'] })
    manager.send('chunking-start', { text: ['a'] })
    manager.send('chunking-end', { chunks: ['a1', 'a2'] })
    manager.send('chunking-start', { text: ['b'] })
    manager.send('chunking-end', { chunks: ['b1'] })
    manager.send('node-parsing-end', { nodes: ['n1', 'n2', 'n3'] })

    expect(target.lines()).toEqual([
      'start node_parsing s1<root',
      'start chunking s2<s1',
      'end chunking s2',
      'start chunking s3<s1',
      'end chunking s3',
      'end node_parsing s1',
    ])
    expect(target.calls.map((call) => call.payload)).toEqual([
      { documents: ['a', 'b'] },
      { chunks: ['a'] },
      { chunks: ['a1', 'a2'] },
      { chunks: ['b'] },
      { chunks: ['b1'] },
      { nodes: ['n1', 'n2', 'n3'] },
    ])
  })

  it('closes the latest open id-less span of a kind first when they nest', () => {
    const target = new RecordingTarget()
    const manager = attached(target)

    manager.send('node-parsing-start', { documents: ['outer'] })
    manager.send('node-parsing-start', { documents: ['inner'] })
    manager.send('node-parsing-end', { nodes: ['inner'] })
    manager.send('node-parsing-end', { nodes: ['outer'] })

    expect(target.lines()).toEqual([
      'start node_parsing s1<root',
      'start node_parsing s2<s1',
      'end node_parsing s2',
      'end node_parsing s1',
    ])
  })

  it('nests by engine call: each call keeps its own stack, and its first span hangs under the call it was made in', () => {
    const target = new RecordingTarget()
    const manager = attached(target)
    const outer = caller('outer')
    const inner = caller('inner', outer)

    manager.send('query-start', { id: 'q1', query: 'both?' }, outer)
    manager.send('query-start', { id: 'q2', query: 'one?' }, inner)
    manager.send('retrieve-start', { id: 'r2', query: { query: 'one?' } }, inner)
    manager.send('llm-start', { id: 'l1', messages: [] }, outer)
    manager.send('retrieve-end', { id: 'r2', nodes: [] }, inner)
    manager.send('llm-end', { id: 'l1', response: 'x' }, outer)
    manager.send('query-end', { id: 'q2', response: 'one' }, inner)
    manager.send('query-end', { id: 'q1', response: 'both' }, outer)

    expect(target.lines()).toEqual([
      'start query s1<root',
      'start query s2<s1',
      'start retrieve s3<s2',
      'start llm s4<s1',
      'end retrieve s3',
      'end llm s4',
      'end query s2',
      'end query s1',
    ])
  })

  it('walks up past callers with nothing open to the nearest one that has an open span', () => {
    const target = new RecordingTarget()
    const manager = attached(target)
    const agent = caller('agent')
    const tool = caller('tool', agent)
    const engine = caller('engine', tool)

    manager.send('agent-start', { startStep: { id: 'step', prevStep: null } }, agent)
    manager.send('query-start', { id: 'q', query: 'nested?' }, engine)

    expect(target.lines()).toEqual(['start agent_step s1<root', 'start query s2<s1'])
  })

  it('ends keyed spans by their id when they end out of order', () => {
    const target = new RecordingTarget()
    const manager = attached(target)
    const call = caller('call')

    manager.send('llm-start', { id: 'a', messages: [{ role: 'user', content: 'a' }] }, call)
    manager.send('llm-start', { id: 'b', messages: [{ role: 'user', content: 'b' }] }, call)
    manager.send('llm-end', { id: 'a', response: 'answer a' }, call)
    manager.send('llm-end', { id: 'b', response: 'answer b' }, call)

    expect(target.calls.filter((each) => each.phase === 'end')).toEqual([
      { phase: 'end', type: 'llm', id: 's1', payload: { response: 'answer a' } },
      { phase: 'end', type: 'llm', id: 's2', payload: { response: 'answer b' } },
    ])
  })

  it('counts streamed chunks (sent outside the engine call) into the LLM end payload', () => {
    const target = new RecordingTarget()
    const manager = attached(target)
    const call = caller('call')

    manager.send('llm-start', { id: 'l', messages: [] }, call)
    for (const delta of ['Thirty ', 'days', '.'])
      manager.send('llm-stream', { id: 'l', chunk: { delta, raw: null } })
    const response = { message: { role: 'assistant', content: 'Thirty days.' }, raw: [] }
    manager.send('llm-end', { id: 'l', response }, call)

    expect(target.lines()).toEqual(['start llm s1<root', 'end llm s1'])
    expect(target.calls[1]?.payload).toEqual({ response, stream_chunks: 3 })
  })

  it('ignores ends that have no start (an adapter attached mid-pipeline)', () => {
    const target = new RecordingTarget()
    const manager = attached(target)

    manager.send('query-end', { id: 'unknown', response: 'x' }, caller('call'))
    manager.send('chunking-end', { chunks: [] })
    manager.send('agent-end', { endStep: { id: 'step' } })

    expect(target.calls).toEqual([])
    expect(warnings).toEqual([])
  })

  it('keeps the id-less spans of concurrent tests apart', () => {
    const target = new RecordingTarget()
    const manager = attached(target)
    const first = newTestScope(new WandbCallbackHandler(), 'a test')
    const second = newTestScope(new WandbCallbackHandler(), 'a test')

    runInTestScope(first, () => manager.send('node-parsing-start', { documents: ['first'] }))
    runInTestScope(second, () => manager.send('node-parsing-start', { documents: ['second'] }))
    runInTestScope(first, () => manager.send('node-parsing-end', { nodes: ['first'] }))
    runInTestScope(second, () => manager.send('node-parsing-end', { nodes: ['second'] }))

    expect(target.lines()).toEqual([
      'start node_parsing s1<root',
      'start node_parsing s2<root',
      'end node_parsing s1',
      'end node_parsing s2',
    ])
  })

  it('forgets the open spans of a context past its limit, with one warning', () => {
    const target = new RecordingTarget()
    const manager = attached(target)
    for (let query = 0; query < MAX_OPEN_SPANS_PER_CONTEXT; query += 1)
      manager.send('query-start', { id: `q${query}`, query: 'failing?' }, caller(`call${query}`))

    manager.send('node-parsing-start', { documents: [] })
    manager.send('query-end', { id: 'q0', response: 'late' }, caller('call0'))

    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(
      `over ${MAX_OPEN_SPANS_PER_CONTEXT} LlamaIndex spans were left open`,
    )
    expect(target.lines().slice(-1)).toEqual([
      `start node_parsing s${MAX_OPEN_SPANS_PER_CONTEXT + 1}<root`,
    ])
  })
})

describe('agent steps', () => {
  const step1 = { id: 'step1', prevStep: null, context: { store: { messages: ['ask'] } } }
  const step2 = {
    id: 'step2',
    prevStep: step1,
    context: { store: { messages: ['ask', 'call', 'result'] } },
  }

  it('closes each step when the next starts (starting the next first, beside it) and the last on agent-end', () => {
    const target = new RecordingTarget()
    const manager = attached(target)
    const agent = caller('agent')
    const toolCall = { id: 'call_1', name: 'lookup', input: { topic: 'refunds' } }

    manager.send('agent-start', { startStep: step1 }, agent)
    manager.send('llm-start', { id: 'l1', messages: [] }, agent)
    manager.send('llm-end', { id: 'l1', response: 'call lookup' }, agent)
    manager.send('llm-tool-call', { toolCall }, agent)
    manager.send(
      'llm-tool-result',
      { toolCall, toolResult: { output: 'thirty days', isError: false } },
      agent,
    )
    manager.send('agent-start', { startStep: step2 }, agent)
    manager.send('llm-start', { id: 'l2', messages: [] }, agent)
    manager.send('llm-end', { id: 'l2', response: 'Thirty days.' }, agent)
    manager.send('agent-end', { endStep: step2 }, agent)

    expect(target.lines()).toEqual([
      'start agent_step s1<root',
      'start llm s2<s1',
      'end llm s2',
      'start function_call s3<s1',
      'end function_call s3',
      'start agent_step s4<root',
      'end agent_step s1',
      'start llm s5<s4',
      'end llm s5',
      'end agent_step s4',
    ])
    expect(target.calls[3]?.payload).toEqual({
      tool: { name: 'lookup' },
      function_call: { topic: 'refunds' },
    })
    expect(target.calls[4]?.payload).toEqual({ function_call_response: 'thirty days' })
    expect(target.calls[5]?.payload).toEqual({ messages: ['ask', 'call', 'result'] })
    expect(target.calls[6]?.payload).toEqual({ response: 'ask' })
    expect(target.calls[9]?.payload).toEqual({ response: 'result' })
  })

  it('ends a tool call that got no result (a failed tool) with its step, as an error', () => {
    const target = new RecordingTarget()
    const manager = attached(target)
    const agent = caller('agent')

    manager.send('agent-start', { startStep: step1 }, agent)
    manager.send('llm-tool-call', { toolCall: { id: 'c', name: 'lookup', input: {} } }, agent)
    manager.send('agent-start', { startStep: step2 }, agent)

    expect(target.lines()).toEqual([
      'start agent_step s1<root',
      'start function_call s2<s1',
      'start agent_step s3<root',
      'end function_call s2',
      'end agent_step s1',
    ])
    expect(target.calls[3]?.payload).toEqual({
      exception: 'the tool call ended without a result (the tool failed or returned no JSON)',
    })
  })

  it('ends a tool call that got no result when the next one starts, and starts the next beside it', () => {
    const target = new RecordingTarget()
    const manager = attached(target)
    const agent = caller('agent')
    const toolCall = { id: 'call_1', name: 'lookup', input: {} }

    manager.send('agent-start', { startStep: step1 }, agent)
    manager.send('llm-tool-call', { toolCall }, agent)
    manager.send('llm-tool-call', { toolCall }, agent)
    manager.send(
      'llm-tool-result',
      { toolCall, toolResult: { output: 'ok', isError: false } },
      agent,
    )
    manager.send('agent-end', { endStep: step1 }, agent)

    expect(target.lines()).toEqual([
      'start agent_step s1<root',
      'start function_call s2<s1',
      'end function_call s2',
      'start function_call s3<s1',
      'end function_call s3',
      'end agent_step s1',
    ])
    expect(target.calls[2]?.payload).toEqual({
      exception: 'the tool call ended without a result (the tool failed or returned no JSON)',
    })
    expect(target.calls[4]?.payload).toEqual({ function_call_response: 'ok' })
  })

  it('marks a tool result LlamaIndex flags as an error', () => {
    const target = new RecordingTarget()
    const manager = attached(target)
    const toolCall = { id: 'c', name: 'lookup', input: {} }

    manager.send('llm-tool-call', { toolCall })
    manager.send('llm-tool-result', {
      toolCall,
      toolResult: { output: 'no such page', isError: true },
    })

    expect(target.calls[1]?.payload).toEqual({
      function_call_response: 'no such page',
      exception: 'no such page',
    })
  })
})

describe('payloads', () => {
  it('maps queries, nodes and responses to the seed keys', () => {
    const target = new RecordingTarget()
    const manager = attached(target)
    const call = caller('call')
    const nodes = [{ node: { id_: 'n1', text: 'Refunds take 30 days.' }, score: 0.9 }]
    const response = { message: { role: 'assistant', content: '30 days' }, sourceNodes: nodes }

    manager.send('query-start', { id: 'q', query: 'refunds?' }, call)
    manager.send('retrieve-start', { id: 'r', query: { query: 'refunds?' } }, call)
    manager.send('retrieve-end', { id: 'r', query: { query: 'refunds?' }, nodes }, call)
    const synthesisQuery = { query: { query: [{ type: 'text', text: 'refunds?' }] }, nodes }
    manager.send('synthesize-start', { id: 's', query: synthesisQuery }, call)
    manager.send('synthesize-end', { id: 's', query: synthesisQuery, response }, call)
    manager.send('query-end', { id: 'q', response }, call)

    expect(target.calls.map((each) => each.payload)).toEqual([
      { query_str: 'refunds?' },
      { query_str: 'refunds?' },
      { nodes },
      { query_str: 'refunds?' },
      { response, nodes },
      { response },
    ])
  })
})

describe('content parts', () => {
  it('renders a query whose content is parts as its text, with placeholders for the other parts', () => {
    const target = new RecordingTarget()
    const manager = attached(target)
    const query = [
      { type: 'text', text: 'What does ' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
      { type: 'text', text: ' say about refunds?' },
    ]

    manager.send('query-start', { id: 'q', query: { query } }, caller('call'))
    manager.send('retrieve-start', { id: 'r', query: { query: { query } } }, caller('call'))

    expect(target.calls.map((each) => each.payload)).toEqual([
      { query_str: 'What does [image] say about refunds?' },
      { query_str: 'What does [image] say about refunds?' },
    ])
  })

  it('hands LLM messages and a response with parts to the handler, whose span shows them as text', async () => {
    const handler = new WandbCallbackHandler({ tokenizer: wordTokenizer })
    const manager = attached(handler.callbackManager)
    const messages = [
      { role: 'user', content: [{ type: 'text', text: 'Read' }, { type: 'document' }] },
    ]
    const response = {
      message: { role: 'assistant', content: [{ type: 'text', text: 'Thirty days.' }] },
    }
    const before = structuredClone({ messages, response })

    manager.send('llm-start', { id: 'l', messages }, caller('call'))
    manager.send('llm-end', { id: 'l', response }, caller('call'))
    await handler.finish()

    const llm = handler.traces[0]?.rootSpan
    expect(llm?.results?.[0]).toEqual({
      inputs: { messages: 'user: Read[document]' },
      outputs: { response: 'assistant: Thirty days.' },
    })
    expect(llm?.attributes).toMatchObject({
      formatted_prompt_tokens_count: 2,
      prediction_tokens_count: 3,
    })
    expect({ messages, response }).toEqual(before)
  })
})

describe('errors never reach LlamaIndex', () => {
  it('reports a throwing target in one warning and goes on with the next events', () => {
    let calls = 0
    const throwing: SpanTarget = {
      onEventStart: () => {
        calls += 1
        throw new Error('target down')
      },
      onEventEnd: () => {
        throw new Error('target down')
      },
    }
    const manager = attached(throwing)

    expect(() => manager.send('query-start', { id: 'q', query: 'x' }, caller('c'))).not.toThrow()
    expect(() => manager.send('retrieve-start', { id: 'r', query: 'x' }, caller('c'))).not.toThrow()
    expect(() => manager.send('query-end', { id: 'q', response: 'x' }, caller('c'))).not.toThrow()

    expect(calls).toBe(2)
    expect(warnings).toEqual([
      'vitest-wandb: could not record the LlamaIndex query-start event (Error: target down); tracing goes on without it.',
      'vitest-wandb: could not record the LlamaIndex retrieve-start event (Error: target down); tracing goes on without it.',
    ])
  })

  it('survives details and callers of any shape', () => {
    const target = new RecordingTarget()
    const manager = attached(target)
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('no reading')
        },
      },
    )

    for (const name of LLAMAINDEX_EVENT_NAMES) {
      expect(() => manager.send(name, hostile)).not.toThrow()
      expect(() => manager.send(name, null, hostile as never)).not.toThrow()
      expect(() => manager.send(name, 42)).not.toThrow()
    }
    expect(warnings).toEqual([])
    manager.send('query-start', { id: 'q', query: 'still traced?' }, caller('c'))
    expect(target.lines().at(-1)).toMatch(/^start query s\d+<root$/)
  })
})
