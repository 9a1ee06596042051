import { ROOT_CONTEXT, trace } from '@opentelemetry/api'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'
const exporter = new InMemorySpanExporter()
const tracer = new BasicTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(exporter)],
}).getTracer('b')
const p = tracer.startSpan('p')
const ctx = trace.setSpan(ROOT_CONTEXT, p)
globalThis.gc?.()
const before = process.memoryUsage().heapUsed
for (let i = 0; i < 50000; i++) tracer.startSpan('x', { attributes: { a: 1, b: 'x' } }, ctx).end()
await new Promise((r) => setImmediate(r))
globalThis.gc?.()
console.log(
  'otel bytes retained per span',
  (process.memoryUsage().heapUsed - before) / 50000,
  exporter.getFinishedSpans().length,
)
