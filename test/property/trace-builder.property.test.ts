import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CBEvent } from '../../src/events/cb-event.js'
import { buildTraceTree } from '../../src/trace/build-tree.js'
import { DEFAULT_PAYLOAD_LIMITS } from '../../src/trace/limits.js'
import { toWandbTraceTree } from '../../src/trace/span.js'
import type { TraceTree } from '../../src/trace/span.js'
import type { TraceMap } from '../../src/trace/trace-map.js'
import { COLLIDING_IDS, EVENT_TYPES } from './event-programs.js'
import { expectJsonRoundTrip, expectSameJson, placedSpans } from './trace-walk.js'
import type { PlacedSpan } from './trace-walk.js'
import { NUM_RUNS } from './runs.js'

const START_MS = 1_700_000_000_000
const END_MS = START_MS + 10_000
const TRACE_ID = 'trace-under-test'

const idArb = fc.constantFrom(...COLLIDING_IDS)
const parentArb = fc.option(fc.oneof(idArb, fc.constantFrom('ghost', 'root', '')), {
  nil: undefined,
})
const payloadArb = fc.option(
  fc.dictionary(fc.constantFrom('query_str', 'response', 'note'), fc.jsonValue({ maxDepth: 2 }), {
    maxKeys: 2,
  }),
  { nil: undefined },
)

interface EventSpec {
  readonly phase: 'start' | 'end'
  readonly id: string
  readonly parentId: string | undefined
  readonly type: string
  readonly payload: Record<string, unknown> | undefined
  readonly offsetMs: number
}

const eventArb: fc.Arbitrary<EventSpec> = fc.record({
  phase: fc.constantFrom('start' as const, 'end' as const),
  id: idArb,
  parentId: parentArb,
  type: fc.constantFrom(...EVENT_TYPES),
  payload: payloadArb,
  offsetMs: fc.double({ min: 0, max: 9_999, noNaN: true }),
})

// Trace maps naming ids that were never started, listing an id under itself, and forming cycles.
const traceMapArb: fc.Arbitrary<TraceMap | undefined> = fc.option(
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...COLLIDING_IDS, 'root', 'ghost'),
        fc.array(fc.constantFrom(...COLLIDING_IDS, 'ghost'), { maxLength: 4 }),
      ),
      { maxLength: 6 },
    )
    .map((entries) => new Map(entries)),
  { nil: undefined },
)

const recordingArb = fc.record({
  specs: fc.array(eventArb, { maxLength: 30 }),
  traceMap: traceMapArb,
  ignoredEndTypes: fc.subarray([...EVENT_TYPES], { maxLength: 4 }),
  maxDepth: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(100)),
})

type Recording = typeof recordingArb extends fc.Arbitrary<infer T> ? T : never

// Each start payload carries its position, so a span can be traced back to the start that made it.
function eventsOf(specs: readonly EventSpec[]): CBEvent[] {
  return specs.map((spec, seq) => ({
    type: spec.type,
    phase: spec.phase,
    id: spec.id,
    parentId: spec.parentId,
    payload: spec.phase === 'start' ? { ...spec.payload, seq } : spec.payload,
    timeMs: START_MS + spec.offsetMs,
  }))
}

function build(recording: Recording): TraceTree | undefined {
  return buildTraceTree(
    {
      traceId: TRACE_ID,
      startMs: START_MS,
      endMs: END_MS,
      events: eventsOf(recording.specs),
      traceMap: recording.traceMap,
      ignoredEndTypes: new Set(recording.ignoredEndTypes),
      droppedSpans: 0,
    },
    {
      limits: DEFAULT_PAYLOAD_LIMITS,
      tokenizer: (text) => text.split(' '),
      maxDepth: recording.maxDepth,
    },
  )
}

function seqOf(placed: PlacedSpan | undefined): number {
  return placed?.span.results?.[0]?.inputs?.['seq'] as number
}

// Child id to parent id, the first listing winning, as a trace map is read.
function mapParents(traceMap: TraceMap | undefined): Map<string, string> {
  const parents = new Map<string, string>()
  for (const [parent, children] of traceMap ?? []) {
    for (const child of children) if (!parents.has(child)) parents.set(child, parent)
  }
  return parents
}

/** The first id on the trace map's path up from `declared` that was started: where a span belongs. */
function nearestStarted(
  declared: string | undefined,
  parents: ReadonlyMap<string, string>,
  started: ReadonlyMap<string, number>,
): string | undefined {
  const seen = new Set<string>()
  for (let id = declared; id !== undefined && id !== '' && id !== 'root'; id = parents.get(id)) {
    if (started.has(id)) return id
    if (seen.has(id)) return undefined
    seen.add(id)
  }
  return undefined
}

describe('buildTraceTree over random event lists', () => {
  it('places every start exactly once, in a tree without cycles, whatever the ids and trace map', () => {
    fc.assert(
      fc.property(recordingArb, (recording) => {
        const starts = recording.specs.filter((spec) => spec.phase === 'start').length
        const tree = build(recording)
        if (starts === 0) {
          expect(tree).toBeUndefined()
          return
        }
        if (tree === undefined) throw new Error('a recording with starts built no tree')
        const placed = placedSpans([tree])
        expect(placed).toHaveLength(starts)
        expect(tree.stats.spans).toBe(starts)
        expect(new Set(placed.map(seqOf)).size).toBe(starts)
        expect(new Set(placed.map((each) => each.span.span_id)).size).toBe(starts)
        expect(Math.max(...placed.map((each) => each.depth))).toBeLessThanOrEqual(
          recording.maxDepth,
        )
      }),
      { numRuns: NUM_RUNS },
    )
  })

  it('hangs each span under its declared parent, or says why not', () => {
    fc.assert(
      fc.property(recordingArb, (recording) => {
        const tree = build(recording)
        if (tree === undefined) return
        const events = eventsOf(recording.specs)
        const parents = mapParents(recording.traceMap)
        const firstStartOf = new Map<string, number>()
        events.forEach((event, seq) => {
          if (event.phase === 'start' && !firstStartOf.has(event.id))
            firstStartOf.set(event.id, seq)
        })
        const placed = placedSpans([tree])
        const bySpanId = new Map(placed.map((each) => [each.span.span_id ?? undefined, each]))
        for (const each of placed) {
          const start = events[seqOf(each)] as CBEvent
          const isFirst = firstStartOf.get(start.id) === seqOf(each)
          const declared = (isFirst ? parents.get(start.id) : undefined) ?? start.parentId
          const parentSeq = seqOf(bySpanId.get(each.parentId))
          const parentStart = each.parentId === undefined ? undefined : events[parentSeq]
          const expected = nearestStarted(declared, parents, firstStartOf)
          const note = each.span.attributes?.['diagnostic']
          if (note === undefined) {
            expect(parentStart?.id).toBe(expected)
            if (parentStart !== undefined) expect(firstStartOf.get(parentStart.id)).toBe(parentSeq)
          } else if (note === 'parent_not_found') {
            expect(each.parentId).toBeUndefined()
            expect(expected).toBeUndefined()
          } else if (note === 'depth_limited') {
            expect(each.depth).toBe(recording.maxDepth)
          } else {
            expect(['self_parent', 'parent_cycle']).toContain(note)
            expect(each.parentId).toBeUndefined()
          }
        }
      }),
      { numRuns: NUM_RUNS },
    )
  })

  it('closes spans that never ended at the trace end, as errors unless their ends were ignored', () => {
    fc.assert(
      fc.property(recordingArb, (recording) => {
        const tree = build(recording)
        if (tree === undefined) return
        const events = eventsOf(recording.specs)
        const ignored = new Set(recording.ignoredEndTypes)
        const placed = placedSpans([tree])
        const ends = events.filter((event) => event.phase === 'end').length
        const unmatched = (tree.rootSpan.attributes?.['unmatched_end_count'] as number) ?? 0
        const ended = placed.filter((each) => (each.span.end_time_ms as number) < END_MS)
        expect(ended.length + unmatched).toBe(ends)
        for (const { span } of placed) {
          const start = events[seqOf({ span } as PlacedSpan)] as CBEvent
          expect(span.start_time_ms).toBe(start.timeMs)
          expect(span.end_time_ms).toBeGreaterThanOrEqual(span.start_time_ms as number)
          const failed =
            start.type === 'exception' || (span.end_time_ms === END_MS && !ignored.has(start.type))
          expect(span.status_code).toBe(failed ? 'ERROR' : 'SUCCESS')
          if (span.end_time_ms !== END_MS) expect(span.end_time_ms).toBeLessThan(END_MS)
        }
      }),
      { numRuns: NUM_RUNS },
    )
  })

  it('writes JSON that reads back as the same tree', () => {
    fc.assert(
      fc.property(recordingArb, (recording) => {
        const tree = build(recording)
        if (tree === undefined) return
        expectJsonRoundTrip(tree)
        expectSameJson(JSON.parse(toWandbTraceTree(tree.rootSpan).root_span_dumps), tree.rootSpan)
      }),
      { numRuns: NUM_RUNS },
    )
  })
})
