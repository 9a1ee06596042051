import { describe, expect, it } from 'vitest'
import { syncResultLine } from '../../src/cli/sync-result-line.js'
import type { RunEnding } from '../../src/wandb/sync/run-ending.js'

const URL = 'https://wandb.ai/team/evals/runs/abc123'
const CLEAN: RunEnding = { exitCode: 0, interrupted: false, loss: undefined }
const KILLED: RunEnding = { exitCode: 1, interrupted: true, loss: undefined }
const CUT: RunEnding = {
  exitCode: 1,
  interrupted: true,
  loss: { kind: 'cut', problem: 'p', fromByte: 10, lostBytes: 5, recordsAfter: 0 },
}

describe('syncResultLine', () => {
  it('reports a clean sync as all well, with how many rows this attempt sent', () => {
    const synced = { kind: 'synced', url: URL, rows: 1200, files: 1, ending: CLEAN } as const
    expect(syncResultLine('d', { ...synced, resumedAtRow: 0 })).toEqual({
      ok: true,
      line: `vitest-wandb: synced d to ${URL} (1,200 rows, 1 file).`,
    })
    expect(syncResultLine('d', { ...synced, resumedAtRow: 200 }).line).toBe(
      `vitest-wandb: synced d to ${URL} (1,200 rows, 1,000 of them now, 1 file).`,
    )
  })

  it('reports a run sent but not ended cleanly as a failure, saying what W&B shows', () => {
    const result = { kind: 'synced', url: URL, rows: 1, files: 0, resumedAtRow: 0 } as const
    const cut = syncResultLine('d', { ...result, ending: CUT })
    expect(cut.ok).toBe(false)
    expect(cut.line).toBe(
      `vitest-wandb: sent d to ${URL} (1 row, 0 files), but its log is damaged and has no exit record; W&B shows the run as failed (exit code 1). It is not marked synced; vitest-wandb-sync.json in it records what was sent.`,
    )
    const garbageAfterExit = { ...CUT, exitCode: 0, interrupted: false }
    expect(syncResultLine('d', { ...result, ending: garbageAfterExit }).line).toContain(
      'but its log is damaged; W&B shows the run as finished (exit code 0).',
    )
  })

  it('reports runs met before: a synced one as all well, an incomplete one again as a failure', () => {
    expect(syncResultLine('d', { kind: 'already-synced' })).toEqual({
      ok: true,
      line: 'vitest-wandb: skipped d: it was synced before.',
    })
    const sent = syncResultLine('d', { kind: 'already-sent', url: URL, rows: 3, ending: KILLED })
    expect(sent).toEqual({
      ok: false,
      line: `vitest-wandb: skipped d: all that could be read of it was sent to ${URL} before (3 rows), but its log has no exit record; W&B shows the run as failed (exit code 1).`,
    })
  })

  it('suggests running again only when a retry can help', () => {
    const failed = { kind: 'failed', rows: 0 } as const
    const worded = syncResultLine('d', {
      ...failed,
      reason: 'W&B rejected the API key (HTTP 401)',
      cause: 'key-rejected',
    })
    expect(worded.line).toBe(
      'vitest-wandb: could not sync d: W&B rejected the API key (HTTP 401). Set WANDB_API_KEY to a valid key, or run `wandb login`, then sync again.',
    )
    const permanent = { ...failed, reason: 'HTTP 400: bad chunk', cause: 'permanent' } as const
    expect(syncResultLine('d', permanent).line).toBe(
      'vitest-wandb: could not sync d: HTTP 400: bad chunk. Running the command again will not help until that is fixed.',
    )
    const transient = { ...failed, reason: 'timed out after 30000 ms', cause: 'transient' } as const
    expect(syncResultLine('d', { ...transient, rows: 400 }).line).toBe(
      'vitest-wandb: could not sync d: timed out after 30000 ms. W&B has its first 400 rows, as d/vitest-wandb-sync.json records. Run the command again to send the rest; a longer --timeout helps if W&B is slow.',
    )
    expect(syncResultLine('d', transient).line).toBe(
      'vitest-wandb: could not sync d: timed out after 30000 ms. Run the command again; a longer --timeout helps if W&B is slow.',
    )
    for (const result of [worded, syncResultLine('d', permanent)]) {
      expect(result.ok).toBe(false)
      expect(result.line).not.toMatch(/run the command again/i)
    }
  })
})
