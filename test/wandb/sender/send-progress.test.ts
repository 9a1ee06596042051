import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  PROGRESS_FILE,
  ProgressRecord,
  readSyncProgress,
  sameTarget,
} from '../../../src/wandb/sender/send-progress.js'
import type { SyncProgress } from '../../../src/wandb/sender/send-progress.js'

const RUN = { entity: 'team', project: 'evals', runId: 'abc123' }
const START: SyncProgress = {
  baseUrl: 'https://api.wandb.ai',
  run: RUN,
  artifacts: 0,
  rows: 0,
  files: 0,
}

const folder = () => mkdtempSync(join(tmpdir(), 'sync-progress-'))

describe('the sync progress file', () => {
  it('is written whole at every step and read back as written', () => {
    const dir = folder()
    const progress = new ProgressRecord(dir, START)
    progress.advance({ rows: 200 })
    expect(readSyncProgress(dir)).toEqual({ ...START, rows: 200 })
    progress.advance({ files: 1, endedAtLogBytes: 4_096 })
    expect(readSyncProgress(dir)).toEqual({ ...START, rows: 200, files: 1, endedAtLogBytes: 4_096 })
    expect(progress.current.rows).toBe(200)
    expect(readdirSync(dir)).toEqual([PROGRESS_FILE])
  })

  it('is ignored when missing, not JSON, or not shaped like progress', () => {
    const dir = folder()
    expect(readSyncProgress(dir)).toBeUndefined()
    for (const text of ['{', '[]', '{"rows":1}', JSON.stringify({ ...START, rows: -1 })]) {
      writeFileSync(join(dir, PROGRESS_FILE), text)
      expect(readSyncProgress(dir)).toBeUndefined()
    }
    writeFileSync(join(dir, PROGRESS_FILE), JSON.stringify({ ...START, run: { runId: 'abc123' } }))
    expect(readSyncProgress(dir)).toBeUndefined()
    writeFileSync(join(dir, PROGRESS_FILE), JSON.stringify({ ...START, endedAtLogBytes: 'x' }))
    expect(readSyncProgress(dir)).toBeUndefined()
    expect(JSON.parse(readFileSync(join(dir, PROGRESS_FILE), 'utf8'))).toMatchObject({ rows: 0 })
  })

  it('counts only for the same run at the same W&B', () => {
    expect(sameTarget(START, 'https://api.wandb.ai', RUN)).toBe(true)
    expect(sameTarget(START, 'https://wandb.example.com', RUN)).toBe(false)
    expect(sameTarget(START, 'https://api.wandb.ai', { ...RUN, entity: 'me' })).toBe(false)
    expect(sameTarget(START, 'https://api.wandb.ai', { ...RUN, project: 'other' })).toBe(false)
  })
})
