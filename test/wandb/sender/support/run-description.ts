import type { RunDescription } from '../../../../src/wandb/offline-run-writer.js'

/** What a log's `run` record says of a small test run. */
export function runDescription(runId: string, project: string): RunDescription {
  return {
    runId,
    entity: undefined,
    project,
    config: { model: 'gpt-4o-mini' },
    group: undefined,
    jobType: undefined,
    displayName: undefined,
    notes: undefined,
    tags: [],
    host: 'ci',
    startedAtMs: Date.UTC(2026, 0, 1),
    git: { remoteUrl: undefined, commit: undefined },
  }
}
