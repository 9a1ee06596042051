import { ROOT_CONTEXT, trace } from '@opentelemetry/api'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'
import type { BenchCase } from './measure.js'

/**
 * OpenTelemetry's plain path: each op starts a span with two attributes under a parent passed by
 * context, and ends it, through a SimpleSpanProcessor into an InMemorySpanExporter. The exporter
 * is reset after every run so memory stays flat.
 */
export function otelSpanCase(spansPerRun: number): BenchCase {
  const exporter = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })
  const tracer = provider.getTracer('bench')
  return {
    name: 'OTel span, 2 attributes',
    ops: spansPerRun,
    run() {
      const parent = tracer.startSpan('parent')
      const parentContext = trace.setSpan(ROOT_CONTEXT, parent)
      for (let index = 0; index < spansPerRun; index += 1) {
        tracer.startSpan('x', { attributes: { a: 1, b: 'x' } }, parentContext).end()
      }
      parent.end()
      exporter.reset()
    },
  }
}
