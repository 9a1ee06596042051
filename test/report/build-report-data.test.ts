import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSession } from '../../src/compare/read-session.js'
import type { SessionDigest } from '../../src/compare/session-digest.js'
import { buildReportData } from '../../src/report/build-report-data.js'
import type { ReportData } from '../../src/report/report-data.js'
import type { TestRecord } from '../../src/session/test-record.js'
import {
  ragTrace,
  record,
  scoreOf,
  sessionFileText,
  span,
  trace,
  writeSessionFile,
} from '../compare/support/sessions.js'
import { blocksOf, detailOf, testNamed } from './support/details.js'

const dir = mkdtempSync(join(tmpdir(), 'report-data-'))
let files = 0
const sessionFile = (records: TestRecord[], shape?: Parameters<typeof writeSessionFile>[2]) =>
  writeSessionFile(join(dir, `session-${(files += 1)}.jsonl`), records, shape)

async function report(file: string, baseline?: SessionDigest): Promise<ReportData> {
  const data = await buildReportData({ file, source: file }, baseline)
  if (!data.ok) throw new Error(data.reason)
  return data.value
}

async function digest(file: string): Promise<SessionDigest> {
  const read = await readSession(file, file)
  if (!read.ok) throw new Error(read.reason)
  return read.value
}

const BASE = [
  record('answers', { traces: [ragTrace()], scores: { faithfulness: scoreOf(0.9) } }),
  record('refuses', { traces: [ragTrace()] }),
  record('retired'),
]
const HEAD = [
  record('answers', { traces: [ragTrace(['rerank'], 20)], scores: { faithfulness: scoreOf(0.7) } }),
  record('refuses', {
    state: 'failed',
    error: 'AssertionError: boom\n  at answer.ts:3',
    traces: [ragTrace()],
  }),
  record('arrives', { traces: [ragTrace()] }),
]

describe('buildReportData of one session', () => {
  it('lists every test in the order recorded, with its outcome, numbers and scores', async () => {
    const data = await report(sessionFile(HEAD))
    expect(data.tests.map((test) => [test.name, test.file, test.state])).toEqual([
      ['answers', 'a.test.ts', 'passed'],
      ['refuses', 'a.test.ts', 'failed'],
      ['arrives', 'a.test.ts', 'passed'],
    ])
    expect(testNamed(data, 'answers')).toMatchObject({
      spans: 4,
      llmCalls: 1,
      tokens: 20,
      scores: { faithfulness: 0.7 },
      error: null,
      change: null,
    })
    expect(testNamed(data, 'refuses').error).toBe('AssertionError: boom')
    expect(data.scoreNames).toEqual(['faithfulness'])
    expect(data.baseline).toBeNull()
    expect(data.comparison).toBeNull()
  })

  it("takes the session's facts and totals from its header and summary lines", async () => {
    const file = sessionFile(HEAD, { start: { id: 's1', gitCommit: 'abc123', gitBranch: 'main' } })
    const data = await report(file)
    expect(data.session).toEqual({
      source: file,
      file: null,
      id: 's1',
      startedAtMs: Date.UTC(2026, 0, 1, 12),
      gitCommit: 'abc123',
      gitBranch: 'main',
      vitestVersion: '4.1.12',
      complete: true,
    })
    expect(data.totals).toMatchObject({
      tests: 3,
      passed: 2,
      failed: 1,
      skipped: 0,
      llmCalls: 3,
      totalTokens: 40,
    })
    expect(data.totals.scores).toEqual({ faithfulness: 0.7 })
  })

  it("keeps each test's spans, depth first with their kinds, and its whole error, in its detail", async () => {
    const data = await report(sessionFile(HEAD))
    const answers = detailOf(data, 'answers')
    expect(answers.spans.map((each) => [each.depth, each.name, each.kind])).toEqual([
      [0, 'query', 'AGENT'],
      [1, 'retrieve', 'TOOL'],
      [1, 'rerank', 'CHAIN'],
      [1, 'llm', 'LLM'],
    ])
    expect(answers.error).toBeNull()
    expect(answers.outline).toBeNull()
    expect(detailOf(data, 'refuses').error).toBe('AssertionError: boom\n  at answer.ts:3')
  })

  it('shortens an error to its first line in the list, and bounds it in the detail', async () => {
    const long = `${'x'.repeat(1_000)}\n${'y'.repeat(30_000)}`
    const data = await report(sessionFile([record('fails', { state: 'failed', error: long })]))
    expect(testNamed(data, 'fails').error).toBe(`${'x'.repeat(299)}…`)
    expect(detailOf(data, 'fails').error).toBe(long.slice(0, 20_000))
  })

  it("adds up the tests of a session cut short, and keeps a test's last record in its first place", async () => {
    const records = [
      record('a'),
      record('b', { state: 'skipped' }),
      record('a', { state: 'failed', error: 'x' }),
    ]
    const data = await report(sessionFile(records, { summary: false }))
    expect(data.session.complete).toBe(false)
    expect(data.tests.map((test) => [test.name, test.state])).toEqual([
      ['a', 'failed'],
      ['b', 'skipped'],
    ])
    expect(data.totals).toMatchObject({ tests: 2, passed: 0, failed: 1, skipped: 1 })
  })

  it('names the file it read when the session was given as a folder', async () => {
    const folder = mkdtempSync(join(dir, 'project-'))
    const file = writeSessionFile(join(folder, 'session-1.jsonl'), HEAD)
    const data = await buildReportData({ file, source: folder })
    expect(data.ok && data.value.session).toMatchObject({ source: folder, file: 'session-1.jsonl' })
  })

  it('packs the details of many tests into several blocks', async () => {
    const many = Array.from({ length: 400 }, (_, index) =>
      record(`test ${index}`, { traces: [trace(span('llm', 'LLM'))], error: 'e'.repeat(2_000) }),
    )
    const data = await report(sessionFile(many))
    expect(data.blocks.length).toBeGreaterThan(1)
    expect(blocksOf(data).flat()).toHaveLength(400)
    expect(detailOf(data, 'test 399').spans.map((each) => each.name)).toEqual(['llm'])
  })
})

describe('buildReportData of a session compared with a baseline', () => {
  it("marks each test's change, and lists the tests only the baseline has", async () => {
    const data = await report(sessionFile(HEAD), await digest(sessionFile(BASE)))
    expect(
      data.tests.map((test) => [test.name, test.state, test.change?.presence, test.change?.kinds]),
    ).toEqual([
      ['answers', 'passed', 'both', ['scores', 'outline', 'tokens']],
      ['refuses', 'failed', 'both', ['passed-to-failed']],
      ['arrives', 'passed', 'head', ['added']],
      ['retired', 'passed', 'base', ['removed']],
    ])
    expect(testNamed(data, 'answers').change).toMatchObject({
      baseState: 'passed',
      tokens: { base: 10, head: 20, delta: 10 },
      llmCalls: { base: 1, head: 1, delta: 0 },
      scores: { faithfulness: { base: 0.9, head: 0.7 } },
    })
    expect(testNamed(data, 'answers').change?.scores['faithfulness']?.delta).toBeCloseTo(-0.2)
  })

  it("aligns a changed test's outline with the baseline's, the added span on a row of its own", async () => {
    const data = await report(sessionFile(HEAD), await digest(sessionFile(BASE)))
    expect(detailOf(data, 'answers').outline).toEqual([
      { same: true, base: 'query (AGENT)', head: 'query (AGENT)' },
      { same: true, base: '├─ retrieve (TOOL)', head: '├─ retrieve (TOOL)' },
      { same: false, base: null, head: '├─ rerank (CHAIN)' },
      { same: true, base: '└─ llm (LLM)', head: '└─ llm (LLM)' },
    ])
    expect(detailOf(data, 'refuses').outline).toBeNull()
    expect(detailOf(data, 'arrives').outline?.every((row) => !row.same && row.base === null)).toBe(
      true,
    )
    const retired = detailOf(data, 'retired')
    expect(retired.spans).toEqual([])
    expect(retired.outline).toBeNull()
  })

  it("gives the baseline's facts and the comparison's totals", async () => {
    const baseFile = sessionFile(BASE, { start: { id: 'base-session', gitBranch: 'main' } })
    const data = await report(sessionFile(HEAD), await digest(baseFile))
    expect(data.baseline).toMatchObject({ source: baseFile, id: 'base-session', gitBranch: 'main' })
    expect(data.comparison).toMatchObject({
      tests: { base: 3, head: 3, delta: 0 },
      failed: { base: 0, head: 1, delta: 1 },
      totalTokens: { base: 20, head: 40, delta: 20 },
      changed: 4,
      unchanged: 0,
    })
  })

  it('marks nothing for a session compared with itself', async () => {
    const file = sessionFile(HEAD)
    const data = await report(file, await digest(file))
    expect(data.tests.every((test) => test.change?.kinds.length === 0)).toBe(true)
    expect(data.comparison).toMatchObject({ changed: 0, unchanged: 3 })
    expect(
      blocksOf(data)
        .flat()
        .every((detail) => detail.outline === null),
    ).toBe(true)
  })
})

describe('buildReportData of what is not a session', () => {
  const fails = async (text: string): Promise<string> => {
    const file = join(dir, `bad-${(files += 1)}.jsonl`)
    writeFileSync(file, text)
    const data = await buildReportData({ file, source: file })
    if (data.ok) throw new Error('expected a failure')
    return data.reason.replace(file, '<file>')
  }

  it('says why, naming the file and the line', async () => {
    expect(await fails('')).toBe('<file> is empty: not a session file')
    expect(await fails('{"kind":"summary"}\n')).toBe(
      '<file> is not a session file: line 1 is not a session header',
    )
    expect(
      await fails(
        `${sessionFileText([])}{"kind":"test","name":"a","file":"f","state":"passed","traces":[{}]}\n`,
      ),
    ).toBe('<file> line 3 holds traces that are not span trees')
    expect(await fails('{"kind":"session","version":2}\n')).toMatch(
      /^<file> is a version 2 session file, newer than/,
    )
    expect(await fails(`${sessionFileText([])}not json\n`)).toBe('<file> line 3 is not JSON')
  })

  it('says a missing file does not exist', async () => {
    const data = await buildReportData({ file: join(dir, 'none.jsonl'), source: 'none' })
    expect(data.ok ? '' : data.reason).toMatch(/none\.jsonl does not exist$/)
  })
})
