import type { WandbCallbackHandler } from '../handler.js'
import { addStats, emptyStats } from '../trace/span.js'
import type { TraceStats, TraceTree } from '../trace/span.js'
import type { ResolvedArtifact } from '../wandb/artifacts/artifact-types.js'
import type { PersistedIndex } from '../wandb/artifacts/artifact-types.js'

/** The `task.meta` key that carries a test's traces from its worker to the reporter. */
export const TEST_META_KEY = 'vitestWandb'
const META_VERSION = 1

/** What a worker hands the reporter for one test case. */
export interface TestTraces {
  readonly traces: readonly TraceTree[]
  readonly stats: TraceStats
  /** Indexes the test persisted, to log as artifacts of the session's run. */
  readonly indexes: readonly PersistedIndex[]
  /** Artifacts the test loaded, to link as inputs of the session's run. */
  readonly inputs: readonly ResolvedArtifact[]
}

const NO_TRACES: TestTraces = { traces: [], stats: emptyStats(), indexes: [], inputs: [] }

/**
 * One JSON string per test: the meta crosses to the main process by structured clone, which
 * costs far more for a large object graph than for the same data as a string.
 */
export function encodeTestTraces(handler: WandbCallbackHandler): string {
  const stats = emptyStats()
  for (const trace of handler.traces) addStats(stats, trace.stats)
  return JSON.stringify({
    version: META_VERSION,
    traces: handler.traces,
    stats,
    indexes: handler.persistedIndexes,
    inputs: handler.loadedArtifacts,
  })
}

/** The traces a test case carries; none when the meta holds nothing of ours or something unreadable. */
export function decodeTestTraces(meta: Readonly<Record<string, unknown>>): TestTraces {
  const encoded = meta[TEST_META_KEY]
  if (typeof encoded !== 'string') return NO_TRACES
  const decoded = JSON.parse(encoded) as Partial<TestTraces> & { version?: number }
  if (decoded.version !== META_VERSION || !Array.isArray(decoded.traces)) {
    throw new Error(`test meta has an unknown format (version ${String(decoded.version)})`)
  }
  return {
    traces: decoded.traces,
    stats: decoded.stats ?? emptyStats(),
    indexes: decoded.indexes ?? [],
    inputs: decoded.inputs ?? [],
  }
}
