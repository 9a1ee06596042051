import { describe, expect, it } from 'vitest'
import { captureWarnings } from '../support/warnings.js'
import { ExplainedError } from '../../src/problem.js'
import { InMemorySessionSink } from '../../src/session/in-memory-session-sink.js'
import { SessionRecorder } from '../../src/session/session-recorder.js'
import type { SessionSink } from '../../src/session/session-sink.js'
import type { SessionStart, TestRecord } from '../../src/session/test-record.js'
import { emptyStats } from '../../src/trace/span.js'
import { testRecord } from '../support/test-records.js'

const START: SessionStart = {
  id: 's1',
  startedAtMs: 1,
  root: '/r',
  vitestVersion: '4',
  nodeVersion: 'v20',
  shard: null,
  gitCommit: null,
  gitBranch: null,
  gitRemote: null,
  baseline: null,
}

function record(name: string, state: TestRecord['state'], tokens = 0): TestRecord {
  return testRecord({
    name,
    state,
    stats: { ...emptyStats(), spans: 2, llmCalls: 1, totalTokens: tokens },
  })
}

class FailingSink implements SessionSink {
  constructor(private readonly failAt: 'start' | 'write' | 'finish') {}
  writes = 0
  async start(): Promise<void> {
    if (this.failAt === 'start') throw new Error('no disk')
  }
  write(): void {
    this.writes += 1
    if (this.failAt === 'write') throw new Error('disk full')
  }
  async finish(): Promise<undefined> {
    if (this.failAt === 'finish') throw new Error('cannot close')
    return undefined
  }
}

describe('SessionRecorder', () => {
  const warnings = captureWarnings()

  it('hands every record to every sink and totals them', async () => {
    const sink = new InMemorySessionSink()
    const recorder = new SessionRecorder([sink])
    await recorder.start(START)
    recorder.write(record('a', 'passed', 10))
    recorder.write(record('b', 'failed', 30))
    recorder.write(record('c', 'skipped'))
    const session = await recorder.finish()
    expect(sink.session).toEqual(START)
    expect(sink.records.map((each) => each.name)).toEqual(['a', 'b', 'c'])
    expect(session.summary).toMatchObject({
      total: 3,
      passed: 1,
      failed: 1,
      skipped: 1,
      spans: 6,
      llmCalls: 3,
      tokensTotal: 40,
    })
    expect(sink.summary).toEqual(session.summary)
    expect(session.topTests.map((test) => test.name)).toEqual(['b', 'a'])
  })

  it.each(['start', 'write', 'finish'] as const)(
    'drops a sink that fails to %s with one warning, and the others carry on',
    async (failAt) => {
      const failing = new FailingSink(failAt)
      const healthy = new InMemorySessionSink()
      const recorder = new SessionRecorder([failing, healthy])
      await recorder.start(START)
      recorder.write(record('a', 'passed'))
      recorder.write(record('b', 'passed'))
      const session = await recorder.finish()
      expect(healthy.records).toHaveLength(2)
      expect(healthy.summary?.total).toBe(2)
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toMatch(
        new RegExp(
          `^vitest-wandb: could not ${failAt} the session sink \\(Error: .+\\); the session goes on without it\\.$`,
        ),
      )
      expect(warnings[0]).not.toContain('FailingSink')
      expect(failing.writes).toBe(failAt === 'start' ? 0 : failAt === 'write' ? 1 : 2)
      expect(session.reports).toEqual([
        {
          label: 'session sink',
          location: `${failAt === 'start' ? 'not saved' : 'incomplete'} — see the warning above`,
        },
      ])
    },
  )

  it("keeps every sink's line in the summary, in order, when one fails: its label says what was not saved", async () => {
    const file: SessionSink = {
      label: 'session file',
      start: async () => {
        throw new ExplainedError({
          what: 'could not create the session file in .vitest-wandb (EEXIST: a file is in the way)',
          fix: 'make .vitest-wandb/ a folder',
        })
      },
      write: () => undefined,
      finish: async () => ({ label: 'session file', location: 'never' }),
    }
    const run: SessionSink = {
      label: 'W&B run',
      start: async () => undefined,
      write: () => undefined,
      finish: async () => ({ label: 'W&B offline run', location: 'wandb/offline-run-x' }),
    }
    const recorder = new SessionRecorder([file, run])
    await recorder.start(START)
    recorder.write(record('a', 'passed'))
    const session = await recorder.finish()
    expect(session.reports).toEqual([
      { label: 'session file', location: 'not saved — see the warning above' },
      { label: 'W&B offline run', location: 'wandb/offline-run-x' },
    ])
    expect(warnings).toEqual([
      'vitest-wandb: could not create the session file in .vitest-wandb (EEXIST: a file is in the way); the session goes on without the session file — make .vitest-wandb/ a folder.',
    ])
  })
})
