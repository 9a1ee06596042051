import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { locateSessionFile, RUN_SESSION_FILE } from '../../src/compare/locate-session-file.js'
import { SessionFileSink } from '../../src/session/session-file-sink.js'
import { emptySummary } from '../../src/session/test-record.js'
import { record, sessionStart } from './support/sessions.js'

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'locate-session-'))
}

/** Writes sessions into `<root>/.vitest-wandb/` with the session file sink, oldest first. */
async function writeSessions(root: string, count: number): Promise<string[]> {
  const locations: string[] = []
  for (let index = 0; index < count; index += 1) {
    const sink = new SessionFileSink()
    await sink.start(
      sessionStart({ root, id: `s${index}`, startedAtMs: Date.UTC(2026, 0, 1, index) }),
    )
    sink.write(record('t'))
    const report = await sink.finish(emptySummary())
    locations.push(report?.location ?? '')
  }
  return locations
}

describe('locateSessionFile', () => {
  it('takes a file as it is', () => {
    const file = join(tempDir(), 'any-name.jsonl')
    writeFileSync(file, '')
    expect(locateSessionFile(file)).toEqual({ ok: true, value: file })
  })

  it('takes the session a folder names as latest', async () => {
    const root = tempDir()
    await writeSessions(root, 3)
    const sessions = join(root, '.vitest-wandb')
    writeFileSync(join(sessions, 'latest'), 'session-20260101-010000-s1.jsonl\n')
    expect(locateSessionFile(sessions)).toEqual({
      ok: true,
      value: join(sessions, 'session-20260101-010000-s1.jsonl'),
    })
  })

  it('takes the newest session by name when the folder has no latest file', async () => {
    const root = tempDir()
    await writeSessions(root, 2)
    const sessions = join(root, '.vitest-wandb')
    rmSync(join(sessions, 'latest'))
    writeFileSync(join(sessions, 'notes.jsonl'), '')
    expect(locateSessionFile(sessions)).toEqual({
      ok: true,
      value: join(sessions, 'session-20260101-010000-s1.jsonl'),
    })
  })

  it('looks in .vitest-wandb/ of a project folder', async () => {
    const root = tempDir()
    await writeSessions(root, 2)
    expect(locateSessionFile(root)).toEqual({
      ok: true,
      value: join(root, '.vitest-wandb', 'session-20260101-010000-s1.jsonl'),
    })
  })

  it('takes the session run file of a W&B run folder, online or offline', () => {
    for (const name of ['offline-run-20260101_120000-abc', 'run-20260101_120000-abc']) {
      const run = join(tempDir(), 'wandb', name)
      mkdirSync(join(run, 'files', 'vitest-wandb'), { recursive: true })
      writeFileSync(join(run, RUN_SESSION_FILE), '')
      expect(locateSessionFile(run)).toEqual({ ok: true, value: join(run, RUN_SESSION_FILE) })
    }
  })

  it('says why a folder holds no session to read', () => {
    const run = join(tempDir(), 'offline-run-20260101_120000-abc')
    mkdirSync(join(run, 'files'), { recursive: true })
    expect(locateSessionFile(run)).toEqual({
      ok: false,
      reason: `${run} is a W&B run folder without a session (files/vitest-wandb/session.jsonl): it was logged by a vitest-wandb that did not keep one`,
    })
    const empty = tempDir()
    expect(locateSessionFile(empty)).toEqual({
      ok: false,
      reason: `${empty} holds no session files (session-*.jsonl): pass a session file, a folder of them such as .vitest-wandb/, or a W&B run folder`,
    })
  })

  it('says when latest names a file that is gone or is not a name', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'latest'), 'session-20260101-000000-gone.jsonl\n')
    expect(locateSessionFile(dir)).toEqual({
      ok: false,
      reason: `${join(dir, 'latest')} names session-20260101-000000-gone.jsonl, which is not in ${dir} any more`,
    })
    writeFileSync(join(dir, 'latest'), '../elsewhere.jsonl\n')
    expect(locateSessionFile(dir)).toEqual({
      ok: false,
      reason: `${join(dir, 'latest')} does not name a session file`,
    })
  })
})
