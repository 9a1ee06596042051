import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CallbackManager } from '../../src/callbacks/callback-manager.js'
import { epochMs } from '../../src/events/cb-event.js'
import { WandbCallbackHandler } from '../../src/handler.js'
import type { TraceMapInput } from '../../src/trace/trace-map.js'
import { toWandbTraceTree } from '../../src/trace/span.js'
import { wordTokenizer } from '../support/tokenizers.js'
import { captureWarnings } from '../support/warnings.js'
import {
  COLLIDING_IDS,
  EVENT_TYPES,
  eventProgram,
  handlerTarget,
  managerTarget,
  runProgram,
} from './event-programs.js'
import type { Op, StartRecord } from './event-programs.js'
import { expectJsonRoundTrip, expectSameJson, placedSpans } from './trace-walk.js'
import { NUM_RUNS } from './runs.js'

captureWarnings()

/** How a program reaches the handler: through a manager in an explicit or implicit trace, or directly. */
type Mode = 'startTrace' | 'asTrace' | 'implicit' | 'direct'

const typesToIgnore = fc.subarray([...EVENT_TYPES], { maxLength: 3 })
const anyProgram = fc.oneof(eventProgram({ ids: 'unique' }), eventProgram({ ids: 'colliding' }))

// Maps naming unknown ids, cycles and self-parents, as a Map or as the seed's plain dict.
const traceMapInput: fc.Arbitrary<TraceMapInput | undefined> = fc.option(
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...COLLIDING_IDS, 'root', 'ghost'),
        fc.array(fc.constantFrom(...COLLIDING_IDS, 'ghost'), { maxLength: 3 }),
      ),
      { maxLength: 5 },
    )
    .chain((entries) =>
      fc.constantFrom<TraceMapInput>(new Map(entries), Object.fromEntries(entries)),
    ),
  { nil: undefined },
)

function newHandler(ignoredStarts: readonly string[] = [], ignoredEnds: readonly string[] = []) {
  return new WandbCallbackHandler({
    tokenizer: wordTokenizer,
    eventStartsToIgnore: ignoredStarts,
    eventEndsToIgnore: ignoredEnds,
  })
}

async function runInMode(
  mode: Mode,
  ops: readonly Op[],
  handler: WandbCallbackHandler,
  traceMap?: TraceMapInput,
): Promise<StartRecord[]> {
  const manager = new CallbackManager([handler])
  let starts: StartRecord[] = []
  switch (mode) {
    case 'startTrace':
      manager.startTrace('program')
      starts = runProgram(ops, managerTarget(manager))
      manager.endTrace()
      return starts
    case 'asTrace':
      await manager.asTrace('program', () => {
        starts = runProgram(ops, managerTarget(manager))
      })
      return starts
    case 'implicit':
      starts = runProgram(ops, managerTarget(manager))
      await handler.finish()
      return starts
    case 'direct':
      handler.startTrace('program')
      starts = runProgram(ops, handlerTarget(handler))
      handler.endTrace('program', traceMap)
      return starts
  }
}

function sorted(ids: readonly (string | null)[]): (string | null)[] {
  return [...ids].sort()
}

/** The parent a span belongs under: the start's parent, skipping parents whose starts were ignored. */
function expectedParent(
  start: StartRecord,
  byId: ReadonlyMap<string, StartRecord>,
  ignored: ReadonlySet<string>,
): string | undefined {
  let parent = byId.get(start.parent ?? '')
  while (parent !== undefined && ignored.has(parent.type)) parent = byId.get(parent.parent ?? '')
  return parent?.id
}

describe('CallbackManager and WandbCallbackHandler over random event programs', () => {
  it('never throws and puts every recorded start in exactly one span', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Mode>('startTrace', 'asTrace', 'implicit', 'direct'),
        anyProgram,
        typesToIgnore,
        typesToIgnore,
        traceMapInput,
        async (mode, ops, ignoredStarts, ignoredEnds, traceMap) => {
          const handler = newHandler(ignoredStarts, ignoredEnds)
          const starts = await runInMode(mode, ops, handler, traceMap)
          const recorded = starts.filter((start) => !ignoredStarts.includes(start.type))
          const placed = placedSpans(handler.traces)
          expect(placed).toHaveLength(recorded.length)
          expect(handler.traces.reduce((sum, tree) => sum + tree.stats.spans, 0)).toBe(
            recorded.length,
          )
          for (const tree of handler.traces) {
            const ids = placedSpans([tree]).map((each) => each.span.span_id)
            expect(new Set(ids).size).toBe(ids.length)
            expect(() => JSON.stringify(tree)).not.toThrow()
          }
          if (mode !== 'direct') {
            expect(sorted(placed.map((each) => each.span.span_id))).toEqual(
              sorted(recorded.map((start) => start.id)),
            )
          }
        },
      ),
      { numRuns: NUM_RUNS },
    )
  })

  it('gives every start, even one with a repeated id, an id of its own within its trace', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Mode>('startTrace', 'asTrace'),
        eventProgram({ ids: 'colliding' }),
        async (mode, ops) => {
          const handler = newHandler()
          const starts = await runInMode(mode, ops, handler)
          const ids = starts.map((start) => start.id)
          expect(new Set(ids).size).toBe(ids.length)
          expect(sorted(placedSpans(handler.traces).map((each) => each.span.span_id))).toEqual(
            sorted(ids),
          )
        },
      ),
      { numRuns: NUM_RUNS },
    )
  })

  it('hangs each span under the event it was started under, explicitly or as the innermost open one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Mode>('startTrace', 'asTrace'),
        eventProgram({ ids: 'unique' }),
        typesToIgnore,
        async (mode, ops, ignoredStarts) => {
          const handler = newHandler(ignoredStarts)
          const starts = await runInMode(mode, ops, handler)
          const ignored = new Set(ignoredStarts)
          const recorded = starts.filter((start) => !ignored.has(start.type))
          expect(handler.traces).toHaveLength(recorded.length === 0 ? 0 : 1)
          const parentOf = new Map(
            placedSpans(handler.traces).map((each) => [each.span.span_id, each.parentId]),
          )
          const byId = new Map(starts.map((start) => [start.id, start]))
          for (const start of recorded) {
            expect(parentOf.has(start.id)).toBe(true)
            expect(parentOf.get(start.id)).toBe(expectedParent(start, byId, ignored))
          }
        },
      ),
      { numRuns: NUM_RUNS },
    )
  })

  it('writes traces as JSON that reads back unchanged, root span dumps included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Mode>('startTrace', 'asTrace', 'implicit', 'direct'),
        anyProgram,
        traceMapInput,
        async (mode, ops, traceMap) => {
          const handler = newHandler()
          await runInMode(mode, ops, handler, traceMap)
          for (const tree of handler.traces) {
            expectJsonRoundTrip(tree)
            const dumps = toWandbTraceTree(tree.rootSpan).root_span_dumps
            expectSameJson(JSON.parse(dumps), tree.rootSpan)
          }
        },
      ),
      { numRuns: NUM_RUNS },
    )
  })

  it('closes events that never ended at the trace end, as errors unless their ends are ignored', async () => {
    const types = EVENT_TYPES.filter((type) => type !== 'exception')
    await fc.assert(
      fc.asyncProperty(
        eventProgram({ ids: 'unique', types }),
        fc.subarray(types, { maxLength: 3 }),
        async (ops, ignoredEnds) => {
          const handler = newHandler([], ignoredEnds)
          const manager = new CallbackManager([handler])
          manager.startTrace('program')
          const starts = runProgram(ops, managerTarget(manager))
          const beforeEndMs = epochMs()
          manager.endTrace()
          const afterEndMs = epochMs()
          const spans = new Map(
            placedSpans(handler.traces).map((each) => [each.span.span_id, each.span]),
          )
          const unendedEndTimes = new Set<number | null>()
          for (const start of starts) {
            const span = spans.get(start.id)
            if (span === undefined) throw new Error(`no span for ${start.id}`)
            const endsIgnored = ignoredEnds.includes(start.type)
            const ended = start.endTypes.some((type) => !ignoredEnds.includes(type))
            expect(span.end_time_ms).toBeGreaterThanOrEqual(span.start_time_ms as number)
            if (ended) {
              expect(span.end_time_ms).toBeLessThanOrEqual(beforeEndMs)
              expect(span.status_code).toBe('SUCCESS')
              continue
            }
            unendedEndTimes.add(span.end_time_ms)
            expect(span.end_time_ms).toBeGreaterThanOrEqual(beforeEndMs)
            expect(span.end_time_ms).toBeLessThanOrEqual(afterEndMs)
            expect(span.status_code).toBe(endsIgnored ? 'SUCCESS' : 'ERROR')
            if (!endsIgnored) expect(span.status_message).toContain('did not end')
          }
          expect(unendedEndTimes.size).toBeLessThanOrEqual(1)
        },
      ),
      { numRuns: NUM_RUNS },
    )
  })
})
