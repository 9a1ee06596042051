import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSession } from '../../src/compare/read-session.js'
import type { SessionDigest } from '../../src/compare/session-digest.js'
import { ragTrace, record, scoreOf, sessionFileText, writeSessionFile } from './support/sessions.js'

const dir = mkdtempSync(join(tmpdir(), 'read-session-'))
let files = 0

function fileWith(text: string): string {
  const path = join(dir, `s${(files += 1)}.jsonl`)
  writeFileSync(path, text)
  return path
}

async function read(path: string): Promise<SessionDigest> {
  const result = await readSession(path, 'base-input')
  if (!result.ok) throw new Error(result.reason)
  return result.value
}

async function failure(path: string): Promise<string> {
  const result = await readSession(path, 'base-input')
  if (result.ok) throw new Error(`${path} was read`)
  return result.reason
}

const RECORDS = [
  record('answers', {
    traces: [ragTrace(['rerank'])],
    scores: { faithfulness: scoreOf(0.8), relevance: scoreOf(1) },
    durationMs: 120,
  }),
  record('fails', {
    state: 'failed',
    error: 'expected 1 to be 2\n  at line 3',
    flaky: true,
    retries: 2,
  }),
  record('is skipped', { state: 'skipped', durationMs: 0 }),
]

describe('readSession', () => {
  it('keeps a digest of each test: outcome, usage, score means and span outline', async () => {
    const session = await read(writeSessionFile(join(dir, 'whole.jsonl'), RECORDS))
    expect(session).toMatchObject({ source: 'base-input', complete: true, duplicates: 0 })
    expect(session.header).toEqual({
      id: 'abc123',
      startedAtMs: Date.UTC(2026, 0, 1, 12),
      vitestVersion: '4.1.12',
      gitCommit: null,
      gitBranch: null,
    })
    expect([...session.tests.keys()]).toEqual([
      'a.test.ts > answers',
      'a.test.ts > fails',
      'a.test.ts > is skipped',
    ])
    expect(session.tests.get('a.test.ts > answers')).toEqual({
      id: 'a.test.ts > answers',
      file: 'a.test.ts',
      name: 'answers',
      state: 'passed',
      flaky: false,
      retries: 0,
      error: null,
      durationMs: 120,
      usage: { spans: 4, llmCalls: 1, promptTokens: 7, completionTokens: 3, totalTokens: 10 },
      scores: { faithfulness: 0.8, relevance: 1 },
      outline: 'query (AGENT)\n├─ retrieve (TOOL)\n├─ rerank (CHAIN)\n└─ llm (LLM)',
    })
    expect(session.tests.get('a.test.ts > fails')).toMatchObject({
      state: 'failed',
      error: 'expected 1 to be 2',
      flaky: true,
      retries: 2,
      outline: '',
    })
  })

  it('takes the totals from the summary line', async () => {
    const session = await read(writeSessionFile(join(dir, 'totals.jsonl'), RECORDS))
    expect(session.totals).toEqual({
      tests: 3,
      passed: 1,
      failed: 1,
      skipped: 1,
      spans: 4,
      llmCalls: 1,
      promptTokens: 7,
      completionTokens: 3,
      totalTokens: 10,
      scores: { faithfulness: 0.8, relevance: 1 },
    })
  })

  it('counts the totals from the tests when the summary line is missing (a killed run)', async () => {
    const whole = await read(writeSessionFile(join(dir, 'a.jsonl'), RECORDS))
    const killed = await read(writeSessionFile(join(dir, 'b.jsonl'), RECORDS, { summary: false }))
    expect(killed.complete).toBe(false)
    expect(killed.totals).toEqual(whole.totals)
    const empty = await read(writeSessionFile(join(dir, 'c.jsonl'), [], { summary: false }))
    expect(empty.totals).toMatchObject({ tests: 0, scores: {} })
  })

  it('reads the git commit and branch when the header has them', async () => {
    const path = writeSessionFile(join(dir, 'git.jsonl'), [], {
      start: { gitCommit: 'a1b2c3d4e5', gitBranch: 'main' },
    })
    expect((await read(path)).header).toMatchObject({ gitCommit: 'a1b2c3d4e5', gitBranch: 'main' })
  })

  it('matches tests by their id when records carry one, else by file and name', async () => {
    const withId = { ...record('renamed'), id: 'a.test.ts > suite > answers' }
    const session = await read(fileWith(sessionFileText([withId, record('plain')])))
    expect([...session.tests.keys()]).toEqual(['a.test.ts > suite > answers', 'a.test.ts > plain'])
  })

  it('keeps the last record of a test recorded twice, and counts the one it replaced', async () => {
    const first = record('retried', { state: 'failed', error: 'boom' })
    const second = record('retried', { state: 'passed' })
    const session = await read(fileWith(sessionFileText([first, record('other'), second])))
    expect(session.tests.size).toBe(2)
    expect(session.tests.get('a.test.ts > retried')?.state).toBe('passed')
    expect(session.duplicates).toBe(1)
  })

  it('reads test lines of older files, which lack the newer fields, with neutral values', async () => {
    const header = JSON.stringify({ kind: 'session', version: 1, id: 'old' })
    const test = JSON.stringify({ kind: 'test', name: 'n', file: 'f.ts', state: 'passed' })
    const session = await read(fileWith(`${header}\n${test}\n`))
    expect(session.tests.get('f.ts > n')).toMatchObject({
      flaky: false,
      retries: 0,
      error: null,
      durationMs: 0,
      usage: { spans: 0, llmCalls: 0, promptTokens: 0, completionTokens: 0, totalTokens: 0 },
      scores: {},
      outline: '',
    })
  })

  it('skips blank lines and lines of kinds it does not know', async () => {
    const text = sessionFileText(RECORDS)
    const session = await read(fileWith(`\n${text}\n{"kind":"annotation","text":"x"}\n\n`))
    expect(session.tests.size).toBe(3)
  })

  it('names the file and the line that is not JSON', async () => {
    const path = fileWith(`${sessionFileText(RECORDS)}{"kind":"test","na`)
    expect(await failure(path)).toBe(`${path} line 6 is not JSON`)
  })

  it('names the line of a test record without a name, file or known state', async () => {
    const base = sessionFileText([], { summary: false })
    const cases: [string, string][] = [
      ['{"kind":"test","file":"f","state":"passed"}', 'it has no name'],
      ['{"kind":"test","name":"n","state":"passed"}', 'it has no file'],
      ['{"kind":"test","name":"n","file":"f","state":"done"}', 'its state is "done"'],
      ['{"kind":"test","name":"n","file":"f"}', 'its state is missing'],
      [
        '{"kind":"test","name":"n","file":"f","state":"passed","traces":{}}',
        'its traces are not a list',
      ],
      ['[1,2]', 'is not a JSON object'],
    ]
    for (const [line, why] of cases) {
      const path = fileWith(`${base}${line}\n`)
      expect(await failure(path)).toBe(
        why === 'is not a JSON object'
          ? `${path} line 2 ${why}`
          : `${path} line 2 is not a test record: ${why}`,
      )
    }
  })

  it('names the line whose traces are not span trees', async () => {
    const broken = { ...record('t'), traces: [{ traceId: 'x' }] }
    const path = fileWith(sessionFileText([broken as never]))
    expect(await failure(path)).toBe(`${path} line 2 holds traces that are not span trees`)
  })

  it('refuses a file that is not a session file, is empty, or joins two sessions', async () => {
    const json = fileWith('{"name":"package"}\n')
    expect(await failure(json)).toBe(
      `${json} is not a session file: line 1 is not a session header`,
    )
    const binary = fileWith(':W&B\u0000\u0001binary')
    expect(await failure(binary)).toBe(`${binary} is not a session file: line 1 is not JSON`)
    const empty = fileWith('')
    expect(await failure(empty)).toBe(`${empty} is empty: not a session file`)
    const joined = fileWith(`${sessionFileText(RECORDS)}${sessionFileText(RECORDS)}`)
    expect(await failure(joined)).toBe(
      `${joined} line 6 starts a second session: compare session files one at a time`,
    )
  })

  it('refuses a session file of a newer version, saying to update', async () => {
    const path = fileWith('{"kind":"session","version":2,"id":"x"}\n')
    expect(await failure(path)).toBe(
      `${path} is a version 2 session file, newer than this vitest-wandb reads (version 1); update vitest-wandb`,
    )
  })

  it('says why a file cannot be read', async () => {
    const missing = join(dir, 'missing.jsonl')
    expect(await failure(missing)).toBe(`${missing} does not exist`)
    expect(await failure(dir)).toBe(`${dir} is a folder, not a session file`)
  })

  it('reads a session of many tests line by line', async () => {
    const many = Array.from({ length: 2_000 }, (_, index) =>
      record(`t${index}`, { traces: [ragTrace()] }),
    )
    const path = writeSessionFile(join(dir, 'many.jsonl'), many)
    appendFileSync(path, '\n')
    const session = await read(path)
    expect(session.tests.size).toBe(2_000)
    expect(session.totals.llmCalls).toBe(2_000)
  })
})
