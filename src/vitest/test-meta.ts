import type { WandbCallbackHandler } from '../handler.js'
import { addStats, emptyStats } from '../trace/span.js'
import type { TraceStats, TraceTree } from '../trace/span.js'
import type { ResolvedArtifact } from '../wandb/artifacts/artifact-types.js'
import type { PersistedIndex } from '../wandb/artifacts/artifact-types.js'
import type { RecordedScore } from '../scores/score-book.js'

/** The `task.meta` key that carries a test's traces from its worker to the reporter. */
export const TEST_META_KEY = 'vitestWandb'
/** The `task.meta` key that gathers the scores of every run of a test (repeats and retries). */
export const SCORES_META_KEY = 'vitestWandbScores'
const META_VERSION = 1

/** What a worker hands the reporter for one test case. */
export interface TestTraces {
  readonly traces: readonly TraceTree[]
  readonly stats: TraceStats
  /** Indexes the test persisted, to log as artifacts of the session's run. */
  readonly indexes: readonly PersistedIndex[]
  /** Artifacts the test loaded, to link as inputs of the session's run. */
  readonly inputs: readonly ResolvedArtifact[]
  readonly judgeTraces: readonly TraceTree[]
  readonly judgeStats: TraceStats
  /** The scores of every run of the test, in the order recorded. */
  readonly scores: readonly RecordedScore[]
}

export const NO_TRACES: TestTraces = {
  traces: [],
  stats: emptyStats(),
  indexes: [],
  inputs: [],
  judgeTraces: [],
  judgeStats: emptyStats(),
  scores: [],
}

/**
 * One JSON string per test: the meta crosses to the main process by structured clone, which
 * costs far more for a large object graph than for the same data as a string.
 */
export function encodeTestTraces(handler: WandbCallbackHandler): string {
  return JSON.stringify({
    version: META_VERSION,
    traces: handler.traces,
    stats: statsOf(handler.traces),
    indexes: handler.persistedIndexes,
    inputs: handler.loadedArtifacts,
    judgeTraces: handler.judgeTraces,
    judgeStats: statsOf(handler.judgeTraces),
  })
}

/** The scores of earlier runs of the test in `meta`, then `scores`, as one JSON string. */
export function encodeScores(
  meta: Readonly<Record<string, unknown>>,
  scores: readonly RecordedScore[],
): string {
  return JSON.stringify([...decodeScores(meta), ...scores])
}

function decodeScores(meta: Readonly<Record<string, unknown>>): RecordedScore[] {
  const encoded = meta[SCORES_META_KEY]
  if (typeof encoded !== 'string') return []
  const decoded: unknown = JSON.parse(encoded)
  if (!Array.isArray(decoded)) throw new Error('test meta has scores in an unknown format')
  return decoded as RecordedScore[]
}

function statsOf(traces: readonly TraceTree[]): TraceStats {
  const stats = emptyStats()
  for (const trace of traces) addStats(stats, trace.stats)
  return stats
}

/** The traces a test case carries; none when the meta holds nothing of ours or something unreadable. */
export function decodeTestTraces(meta: Readonly<Record<string, unknown>>): TestTraces {
  const encoded = meta[TEST_META_KEY]
  if (typeof encoded !== 'string') return { ...NO_TRACES, scores: decodeScores(meta) }
  const decoded = JSON.parse(encoded) as Partial<TestTraces> & { version?: number }
  if (decoded.version !== META_VERSION || !Array.isArray(decoded.traces)) {
    throw new Error(`test meta has an unknown format (version ${String(decoded.version)})`)
  }
  return {
    traces: decoded.traces,
    stats: decoded.stats ?? emptyStats(),
    indexes: decoded.indexes ?? [],
    inputs: decoded.inputs ?? [],
    judgeTraces: decoded.judgeTraces ?? [],
    judgeStats: decoded.judgeStats ?? emptyStats(),
    scores: decodeScores(meta),
  }
}
