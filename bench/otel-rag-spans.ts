import { ROOT_CONTEXT, trace } from '@opentelemetry/api'
import type { Attributes, Context, Tracer } from '@opentelemetry/api'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'
import type { BenchCase } from './measure.js'
import { PAIRS_PER_QUERY } from './mixed-trace.js'
import type { PlannedPair } from './mixed-trace.js'
import { ragPlans } from './rag-pairs.js'

interface ScoredNode {
  readonly node: { readonly id_: string; readonly text: string }
  readonly score: number
}

interface Usage {
  readonly prompt_tokens: number
  readonly completion_tokens: number
  readonly total_tokens: number
}

// What OTel-based LLM tracers record (OpenInference's conventions): the payloads as JSON, and
// retrieved documents and token counts as attributes of their own.
function startAttributes(pair: PlannedPair): Attributes {
  return { 'openinference.span.kind': pair.type, 'input.value': JSON.stringify(pair.start) }
}

function endAttributes(pair: PlannedPair): Attributes {
  const attributes: Attributes = { 'output.value': JSON.stringify(pair.end) }
  const nodes = pair.end['nodes'] as readonly ScoredNode[] | undefined
  nodes?.forEach(({ node, score }, index) => {
    attributes[`retrieval.documents.${index}.document.id`] = node.id_
    attributes[`retrieval.documents.${index}.document.score`] = score
    attributes[`retrieval.documents.${index}.document.content`] = node.text
  })
  const usage = (pair.end['response'] as { raw?: { usage?: Usage } } | undefined)?.raw?.usage
  if (usage !== undefined) {
    attributes['llm.token_count.prompt'] = usage.prompt_tokens
    attributes['llm.token_count.completion'] = usage.completion_tokens
    attributes['llm.token_count.total'] = usage.total_tokens
  }
  return attributes
}

function recordSpans(tracer: Tracer, pair: PlannedPair, parent: Context): void {
  const span = tracer.startSpan(pair.type, { attributes: startAttributes(pair) }, parent)
  const inside = trace.setSpan(parent, span)
  for (const inner of pair.inner) recordSpans(tracer, inner, inside)
  span.setAttributes(endAttributes(pair))
  span.end()
}

/**
 * OpenTelemetry with the same RAG queries: a span per pair, nested by context, carrying the
 * payloads as OTel-based LLM tracers do, through a SimpleSpanProcessor into an
 * InMemorySpanExporter that is reset after every run. One op is one span.
 */
export function otelRagSpansCase(spansPerRun: number): BenchCase {
  const plans = ragPlans()
  const exporter = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })
  const tracer = provider.getTracer('bench')
  const queries = Math.ceil(spansPerRun / PAIRS_PER_QUERY)
  return {
    name: 'OTel span, RAG payloads as attributes',
    ops: queries * PAIRS_PER_QUERY,
    run() {
      for (let query = 0; query < queries; query += 1)
        recordSpans(tracer, plans[query % plans.length] as PlannedPair, ROOT_CONTEXT)
      exporter.reset()
    },
  }
}
