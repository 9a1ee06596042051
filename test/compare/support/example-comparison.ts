import { compareSessions } from '../../../src/compare/compare-sessions.js'
import type { SessionComparison } from '../../../src/compare/comparison.js'
import { ragTrace, record, scoreOf, digestOf } from './sessions.js'

/** A comparison with one change of each common kind, and both kinds of regression. */
export function exampleComparison(): SessionComparison {
  const base = [
    record('answers', {
      traces: [ragTrace()],
      scores: { faithfulness: scoreOf(0.9) },
      durationMs: 120,
    }),
    record('refuses', { traces: [ragTrace()], durationMs: 100 }),
    record('old', { durationMs: 5 }),
    record('same', { durationMs: 5 }),
  ]
  const head = [
    record('answers', {
      traces: [ragTrace(['rerank'], 20)],
      scores: { faithfulness: scoreOf(0.7) },
      durationMs: 900,
    }),
    record('refuses', {
      traces: [ragTrace()],
      durationMs: 100,
      state: 'failed',
      error: "expected 'no idea' to be 'I do not know'",
    }),
    record('new | <b>', { state: 'skipped', durationMs: 0 }),
    record('same', { durationMs: 5 }),
  ]
  const baseSession = { ...digestOf(base, 'base'), header: header('b1', 'main', 'a1b2c3d4e5f6') }
  const headSession = { ...digestOf(head, 'head'), header: header('h2', 'feature', null) }
  return compareSessions(
    {
      ...baseSession,
      file: '.vitest-wandb/session-20260101-120000-b1.jsonl',
      source: '.vitest-wandb/session-20260101-120000-b1.jsonl',
    },
    {
      ...headSession,
      file: '.vitest-wandb/session-20260102-120000-h2.jsonl',
      source: '.vitest-wandb',
      complete: false,
      duplicates: 1,
    },
  )
}

function header(id: string, gitBranch: string, gitCommit: string | null) {
  return {
    id,
    startedAtMs: Date.UTC(2026, 0, 1, 12, 30, 5),
    vitestVersion: '4.1.12',
    gitCommit,
    gitBranch,
  }
}
