import { CallbackManager, CBEventType, WandbCallbackHandler } from '../src/index.js'
import type { BenchCase } from './measure.js'

const START_PAYLOAD = { query_str: 'q' }
const END_PAYLOAD = { response: 'r' }
const PAIRS_PER_GROUP = 5

// Five pairs, in sequence and nested: query { retrieve, synthesize { function_call { templating } } }.
function recordGroup(cm: CallbackManager): void {
  const query = cm.onEventStart(CBEventType.QUERY, START_PAYLOAD)
  const retrieve = cm.onEventStart(CBEventType.RETRIEVE, START_PAYLOAD)
  cm.onEventEnd(CBEventType.RETRIEVE, END_PAYLOAD, retrieve)
  const synthesize = cm.onEventStart(CBEventType.SYNTHESIZE, START_PAYLOAD)
  const call = cm.onEventStart(CBEventType.FUNCTION_CALL, START_PAYLOAD)
  const templating = cm.onEventStart(CBEventType.TEMPLATING, START_PAYLOAD)
  cm.onEventEnd(CBEventType.TEMPLATING, END_PAYLOAD, templating)
  cm.onEventEnd(CBEventType.FUNCTION_CALL, END_PAYLOAD, call)
  cm.onEventEnd(CBEventType.SYNTHESIZE, END_PAYLOAD, synthesize)
  cm.onEventEnd(CBEventType.QUERY, END_PAYLOAD, query)
}

/**
 * Our event-pair path: CallbackManager start and end into a WandbCallbackHandler, in traces of
 * `pairsPerTrace` pairs whose trees are built once they end (batched after the run's turn, which
 * the timing waits for). One op is one pair. The handler keeps one run's traces, as many spans as
 * the OTel exporter holds before its reset.
 */
export function handlerPairsCase(pairsPerRun: number, pairsPerTrace: number): BenchCase {
  const groupsPerTrace = Math.ceil(pairsPerTrace / PAIRS_PER_GROUP)
  const tracesPerRun = Math.ceil(pairsPerRun / (groupsPerTrace * PAIRS_PER_GROUP))
  const handler = new WandbCallbackHandler({ keptTraces: tracesPerRun })
  const cm = new CallbackManager([handler])
  return {
    name: `handler pair, traces of ${groupsPerTrace * PAIRS_PER_GROUP}`,
    ops: tracesPerRun * groupsPerTrace * PAIRS_PER_GROUP,
    run() {
      for (let trace = 0; trace < tracesPerRun; trace += 1) {
        cm.startTrace('bench')
        for (let group = 0; group < groupsPerTrace; group += 1) recordGroup(cm)
        cm.endTrace()
      }
    },
  }
}
