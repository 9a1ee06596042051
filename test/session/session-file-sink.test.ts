import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ExplainedError } from '../../src/problem.js'
import { readSessionFile } from '../support/read-session-file.js'
import { SessionFileSink } from '../../src/session/session-file-sink.js'
import type { SessionFileLine } from '../../src/session/session-file.js'
import { emptySummary } from '../../src/session/test-record.js'
import type { TestRecord } from '../../src/session/test-record.js'
import { testRecord } from '../support/test-records.js'

const START = {
  id: 'abcd1234',
  startedAtMs: Date.UTC(2026, 0, 2, 3, 4, 5),
  vitestVersion: '4.1.12',
  nodeVersion: 'v20',
  shard: null,
  gitCommit: null,
  gitBranch: null,
  gitRemote: null,
  baseline: null,
}

const record: TestRecord = testRecord({
  name: 'suite > t',
  file: 'a.test.ts',
  state: 'failed',
  durationMs: 3.5,
  retries: 1,
  error: 'Error: x',
})

describe('SessionFileSink', () => {
  it('writes a header, one line per test as it comes, and a summary, and points `latest` at the file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'session-file-'))
    const sink = new SessionFileSink()
    await sink.start({
      id: 'abcd1234',
      startedAtMs: Date.UTC(2026, 0, 2, 3, 4, 5),
      root,
      vitestVersion: '4.1.12',
      nodeVersion: 'v20',
      shard: '1/2',
      gitCommit: null,
      gitBranch: null,
      gitRemote: null,
      baseline: null,
    })
    sink.write(record)
    const path = join(root, '.vitest-wandb', 'session-20260102-030405-abcd1234.jsonl')
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(3)
    const report = await sink.finish({ ...emptySummary(), total: 1, failed: 1 })
    expect(report).toEqual({
      label: 'session file',
      location: path, // outside the working directory, so shown in full
    })
    expect(readFileSync(join(root, '.vitest-wandb', 'latest'), 'utf8')).toBe(
      'session-20260102-030405-abcd1234.jsonl\n',
    )

    const lines: SessionFileLine[] = []
    for await (const line of readSessionFile(path)) lines.push(line)
    expect(lines.map((line) => line.kind)).toEqual(['session', 'test', 'summary'])
    expect(lines[0]).toMatchObject({ kind: 'session', version: 1, id: 'abcd1234', shard: '1/2' })
    expect(lines[1]).toEqual({ kind: 'test', ...record })
    expect(lines[2]).toMatchObject({ kind: 'summary', total: 1, failed: 1 })
  })

  it('names its folder and the way out when the folder cannot be made', async () => {
    const root = mkdtempSync(join(tmpdir(), 'session-file-'))
    writeFileSync(join(root, '.vitest-wandb'), 'a file in the way')
    const sink = new SessionFileSink()
    const started = sink.start({ ...START, root })
    await expect(started).rejects.toBeInstanceOf(ExplainedError)
    await expect(started).rejects.toMatchObject({
      problem: {
        what: `could not create the session file in ${join(root, '.vitest-wandb')} (EEXIST: a file is in the way)`,
        fix: 'make .vitest-wandb/ in the project a folder that can be written, or turn the session file off with wandb({ sessionFile: false })',
      },
    })
    expect(sink.label).toBe('session file')
  })

  it('keeps only the newest session files it is given, with `latest` naming the newest', async () => {
    const root = mkdtempSync(join(tmpdir(), 'session-file-'))
    const written: string[] = []
    for (const [index, id] of ['aaaa0001', 'bbbb0002', 'cccc0003'].entries()) {
      const sink = new SessionFileSink(2)
      await sink.start({
        id,
        startedAtMs: Date.UTC(2026, 0, 2, 3, 4, 5 + index),
        root,
        vitestVersion: '4.1.12',
        nodeVersion: 'v20',
        shard: null,
        gitCommit: null,
        gitBranch: null,
        gitRemote: null,
        baseline: null,
      })
      sink.write(record)
      await sink.finish({ ...emptySummary(), total: 1, failed: 1 })
      written.push(`session-20260102-03040${5 + index}-${id}.jsonl`)
      const at = new Date(Date.UTC(2026, 0, 2, 3, 5, index))
      utimesSync(join(root, '.vitest-wandb', written.at(-1)!), at, at)
    }
    expect(readdirSync(join(root, '.vitest-wandb')).sort()).toEqual(
      [...written.slice(1), 'latest'].sort(),
    )
    expect(readFileSync(join(root, '.vitest-wandb', 'latest'), 'utf8')).toBe(`${written[2]}\n`)
  })

  it('refuses to write before it was started', () => {
    expect(() => new SessionFileSink().write(record)).toThrow('the session file is not open')
  })
})

describe('readSessionFile', () => {
  it('names the line that is not JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'session-read-'))
    const path = join(dir, 's.jsonl')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(path, '{"kind":"session"}\n{cut')
    const read = async (): Promise<void> => {
      for await (const _line of readSessionFile(path)) void _line
    }
    await expect(read()).rejects.toThrow(`${path}:2 is not a session file line`)
  })
})
