import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadSide } from '../../src/compare/load-side.js'
import type { RemoteSessions, RemoteSpec } from '../../src/compare/remote-spec.js'
import { record, writeSessionFile } from './support/sessions.js'

/** Remote sessions that hand out `file` and note what was asked. */
function remoteGiving(file: string): RemoteSessions & { asked: RemoteSpec[] } {
  const asked: RemoteSpec[] = []
  return {
    asked,
    fetch: async (spec) => {
      asked.push(spec)
      return { ok: true, value: file }
    },
  }
}

const NEVER: RemoteSessions = {
  fetch: async () => {
    throw new Error('not to be called')
  },
}

describe('loadSide', () => {
  it('reads a local path that exists, even one shaped like a run path', async () => {
    const root = mkdtempSync(join(tmpdir(), 'load-side-'))
    const file = writeSessionFile(join(root, 'team', 'project', 'run1'), [record('t')])
    const cwd = process.cwd()
    process.chdir(root)
    try {
      const side = await loadSide('team/project/run1', NEVER)
      expect(side.ok && side.value.file).toBe('team/project/run1')
      expect(side.ok && side.value.tests.size).toBe(1)
    } finally {
      process.chdir(cwd)
    }
    expect(file).toContain('run1')
  })

  it('fetches W&B sources through the remote sessions and reads what they downloaded', async () => {
    const file = writeSessionFile(join(mkdtempSync(join(tmpdir(), 'dl-')), 's.jsonl'), [
      record('t'),
    ])
    const remote = remoteGiving(file)
    const side = await loadSide('https://wandb.ai/team/evals/runs/r1', remote)
    expect(remote.asked).toEqual([{ kind: 'run', entity: 'team', project: 'evals', runId: 'r1' }])
    expect(side).toMatchObject({
      ok: true,
      value: { source: 'https://wandb.ai/team/evals/runs/r1', file },
    })
  })

  it('says why a W&B source could not be had, whether the fetch fails or throws', async () => {
    const failing: RemoteSessions = { fetch: async () => ({ ok: false, reason: 'no such run' }) }
    expect(await loadSide('team/evals/r1', failing)).toEqual({
      ok: false,
      reason: 'could not get the session of team/evals/r1: no such run',
    })
    const throwing: RemoteSessions = {
      fetch: async () => {
        throw new Error('socket hang up')
      },
    }
    expect(await loadSide('branch:main', throwing)).toEqual({
      ok: false,
      reason: 'could not get the session of branch:main: socket hang up',
    })
  })

  it('says a path that does not exist is neither a file nor a W&B run', async () => {
    for (const source of ['nowhere.jsonl', '']) {
      const side = await loadSide(source, NEVER)
      expect(side).toEqual({
        ok: false,
        reason: `${source === '' ? 'an empty name' : source} is not a file or folder here, nor a W&B run (entity/project/runId, a run URL, or branch:<name>)`,
      })
    }
  })

  it('passes on why a local folder holds no session', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'load-side-empty-'))
    mkdirSync(join(dir, 'sub'))
    const side = await loadSide(dir, NEVER)
    expect(side.ok).toBe(false)
    expect(!side.ok && side.reason).toMatch(/holds no session files/)
  })
})
