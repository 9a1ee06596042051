import { CallbackManager, WandbCallbackHandler } from '../src/index.js'
import type { BenchCase } from './measure.js'
import { PAIRS_PER_QUERY, queryPlan, recordPlan } from './mixed-trace.js'
import type { PlannedPair } from './mixed-trace.js'

/** Distinct queries whose payloads the runs cycle through (payloads are read, never changed). */
export const DISTINCT_QUERIES = 16

export function ragPlans(): PlannedPair[] {
  return Array.from({ length: DISTINCT_QUERIES }, (_, query) => queryPlan(query))
}

/**
 * Our event pairs with payloads like a real RAG trace: each trace is `queriesPerTrace` queries of
 * ten pairs (scored nodes, messages, reported usage, a tool call), its tree built once it ends.
 * One op is one pair.
 */
export function ragHandlerPairsCase(pairsPerRun: number, queriesPerTrace: number): BenchCase {
  const plans = ragPlans()
  const tracesPerRun = Math.ceil(pairsPerRun / (queriesPerTrace * PAIRS_PER_QUERY))
  const handler = new WandbCallbackHandler({ keptTraces: tracesPerRun })
  const cm = new CallbackManager([handler])
  return {
    name: `handler pair, RAG payloads, traces of ${queriesPerTrace * PAIRS_PER_QUERY}`,
    ops: tracesPerRun * queriesPerTrace * PAIRS_PER_QUERY,
    run() {
      for (let trace = 0; trace < tracesPerRun; trace += 1) {
        cm.startTrace('bench')
        for (let query = 0; query < queriesPerTrace; query += 1)
          recordPlan(cm, plans[(trace + query) % plans.length] as PlannedPair)
        cm.endTrace()
      }
    },
  }
}
