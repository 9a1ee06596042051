import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CBEventType, EventPayload } from '../../src/events/index.js'
import { WandbCallbackHandler } from '../../src/handler.js'
import { toWandbTraceTree } from '../../src/trace/span.js'
import type { Span } from '../../src/trace/span.js'
import { allSpans } from '../support/spans.js'
import { wordTokenizer } from '../support/tokenizers.js'
import { captureWarnings } from '../support/warnings.js'

interface SdkTraceTreeModule {
  WBTraceTree: new (rootSpan: unknown) => { toJSON(): Record<string, unknown> }
  SpanKind: Record<string, string>
  StatusCode: Record<string, string>
}

// The SDK's package root installs process hooks and its exports hide the data types: load the file.
const sdkRoot = dirname(createRequire(import.meta.url).resolve('@wandb/sdk/package.json'))
const traceTreeFile = join(sdkRoot, 'dist/sdk/data_types/trace_tree.js')
const sdk = (await import(pathToFileURL(traceTreeFile).href)) as SdkTraceTreeModule

function sdkSpanFields(): string[] {
  const declarations = readFileSync(traceTreeFile.replace(/\.js$/, '.d.ts'), 'utf8')
  const body = /interface Span \{([^}]*)\}/.exec(declarations)?.[1] ?? ''
  return [...body.matchAll(/^\s*(\w+)\s*:/gm)].map((match) => match[1] as string)
}

captureWarnings()

async function buildTree(): Promise<Span> {
  const handler = new WandbCallbackHandler({ tokenizer: wordTokenizer })
  const manager = handler.callbackManager
  await manager
    .asTrace('conformance', async () => {
      await manager.event(CBEventType.NODE_PARSING, { [EventPayload.DOCUMENTS]: [{}] }, () => 1)
      await manager.event(CBEventType.EMBEDDING, {}, (event) =>
        event.setEndPayload({ [EventPayload.CHUNKS]: ['a'] }),
      )
      await manager.event(CBEventType.QUERY, { [EventPayload.QUERY_STR]: 'q' }, async () => {
        await manager.event(CBEventType.RETRIEVE, {}, (event) =>
          event.setEndPayload({
            [EventPayload.NODES]: [{ node: { id_: 'n', text: 't' }, score: 1 }],
          }),
        )
        await manager.event(CBEventType.SYNTHESIZE, {}, () =>
          manager.event(CBEventType.LLM, { [EventPayload.PROMPT]: 'p' }, (event) =>
            event.setEndPayload({ [EventPayload.RESPONSE]: 'r' }),
          ),
        )
        await manager.event(CBEventType.FUNCTION_CALL, { big: 2n }, () => undefined)
        await manager.event(CBEventType.AGENT_STEP, {}, () => undefined)
        manager.onEventStart('my_custom_step')
      })
      await manager.event(CBEventType.RERANKING, {}, () => {
        throw new Error('reranker down')
      })
    })
    .catch(() => undefined)
  return handler.traces[0]!.rootSpan
}

describe('W&B trace tree conformance', () => {
  it('reads the SDK Span fields from its type declarations', () => {
    expect(sdkSpanFields()).toEqual([
      'span_id',
      'name',
      'start_time_ms',
      'end_time_ms',
      'status_code',
      'status_message',
      'attributes',
      'results',
      'child_spans',
      'span_kind',
    ])
  })

  it('serializes exactly as the SDK WBTraceTree does', async () => {
    const root = await buildTree()
    const ours = toWandbTraceTree(root)
    const theirs = new sdk.WBTraceTree(root).toJSON()
    expect(ours._type).toBe(theirs['_type'])
    expect(ours.root_span_dumps).toBe(theirs['root_span_dumps'])
    expect(Object.keys(ours)).toEqual(Object.keys(theirs))
  })

  it('gives every span exactly the SDK fields, in its order, with SDK kinds and status codes', async () => {
    const root = await buildTree()
    const fields = sdkSpanFields()
    const kinds = new Set<string | null>([...Object.values(sdk.SpanKind), null])
    const statuses = new Set(Object.values(sdk.StatusCode))
    const spans = allSpans(JSON.parse(toWandbTraceTree(root).root_span_dumps) as Span)
    expect(spans.length).toBeGreaterThanOrEqual(11)
    for (const span of spans) {
      expect(Object.keys(span)).toEqual(fields)
      expect(kinds.has(span.span_kind)).toBe(true)
      expect(statuses.has(span.status_code as string)).toBe(true)
      expect(typeof span.start_time_ms).toBe('number')
      expect(span.end_time_ms).toBeGreaterThanOrEqual(span.start_time_ms as number)
      for (const result of span.results ?? [])
        expect(Object.keys(result)).toEqual(['inputs', 'outputs'])
    }
    const seenKinds = new Set(spans.map((span) => span.span_kind))
    expect(seenKinds).toEqual(kinds)
    expect(new Set(spans.map((span) => span.status_code))).toEqual(statuses)
  })
})
