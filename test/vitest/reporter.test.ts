import { describe, expect, it, vi } from 'vitest'
import { captureWarnings } from '../support/warnings.js'
import type { TestCase, TestModule, Vitest } from 'vitest/node'
import { WandbCallbackHandler } from '../../src/handler.js'
import { InMemorySessionSink } from '../../src/session/in-memory-session-sink.js'
import type { SessionSink } from '../../src/session/session-sink.js'
import type { ResolvedPluginOptions } from '../../src/vitest/plugin-options.js'
import { WandbReporter } from '../../src/vitest/reporter.js'
import { encodeTestTraces, TEST_META_KEY } from '../../src/vitest/test-meta.js'

interface FakeCase {
  id: string
  fullName: string
  state: 'passed' | 'failed' | 'skipped' | 'pending'
  meta?: Record<string, unknown>
  errors?: { name?: string; message?: string }[]
}

function testCase(fake: FakeCase): TestCase {
  return {
    id: fake.id,
    fullName: fake.fullName,
    module: { relativeModuleId: 'a.test.ts' },
    result: () => ({ state: fake.state, errors: fake.errors }),
    diagnostic: () =>
      fake.state === 'skipped' ? undefined : { duration: 12, retryCount: 1, flaky: true },
    meta: () => fake.meta ?? {},
  } as unknown as TestCase
}

function fakeVitest(config: Record<string, unknown> = {}): {
  vitest: Vitest
  logged: string[]
  errorLines: string[]
} {
  const logged: string[] = []
  const errorLines: string[] = []
  const vitest = {
    version: '4.1.12',
    config: { root: '/project', reporters: ['default'], watch: false, ...config },
    logger: {
      log: (line: string) => logged.push(line),
      error: (line: string) => errorLines.push(line),
    },
  } as unknown as Vitest
  return { vitest, logged, errorLines }
}

function moduleOf(cases: TestCase[]): TestModule {
  return { children: { allTests: () => cases[Symbol.iterator]() } } as unknown as TestModule
}

async function tracedMeta(): Promise<Record<string, unknown>> {
  const handler = new WandbCallbackHandler()
  await handler.callbackManager.event('llm', undefined, (llm) =>
    llm.setEndPayload({
      response: 'r',
      raw: { usage: { prompt_tokens: 4, completion_tokens: 6 } },
    }),
  )
  return { [TEST_META_KEY]: encodeTestTraces(handler) }
}

describe('WandbReporter', () => {
  const warnings = captureWarnings()

  it('streams one record per test case as results come, then prints the summary', async () => {
    const sink = new InMemorySessionSink()
    const reporter = new WandbReporter({ sinks: () => [sink] })
    const { vitest, logged } = fakeVitest()
    reporter.onInit(vitest)
    expect(reporter.onTestRunStart()).toBeUndefined()
    const passed = testCase({
      id: '1',
      fullName: 'suite > passes',
      state: 'passed',
      meta: await tracedMeta(),
    })
    expect(reporter.onTestCaseResult(passed)).toBeUndefined()
    expect(sink.records).toHaveLength(0)
    await vi.waitFor(() => expect(sink.records).toHaveLength(1))
    const failed = testCase({
      id: '2',
      fullName: 'fails',
      state: 'failed',
      errors: [{ name: 'AssertionError', message: 'expected 1 to be 2' }],
    })
    const skipped = testCase({ id: '3', fullName: 'skipped', state: 'skipped' })
    await reporter.onTestCaseResult(failed)
    await reporter.onTestCaseResult(skipped)
    await reporter.onTestRunEnd([moduleOf([passed, failed, skipped])])

    expect(sink.session).toMatchObject({
      root: '/project',
      vitestVersion: '4.1.12',
      nodeVersion: process.version,
      shard: null,
    })
    expect(sink.records.map((record) => [record.name, record.state, record.error])).toEqual([
      ['suite > passes', 'passed', null],
      ['fails', 'failed', 'AssertionError: expected 1 to be 2'],
      ['skipped', 'skipped', null],
    ])
    expect(sink.records[0]).toMatchObject({
      file: 'a.test.ts',
      durationMs: 12,
      retries: 1,
      flaky: true,
      stats: { llmCalls: 1, totalTokens: 10 },
    })
    expect(sink.records[0]!.traces).toHaveLength(1)
    expect(sink.records[2]).toMatchObject({ durationMs: 0, retries: 0, flaky: false, traces: [] })
    expect(logged[0]).toBe(
      'vitest-wandb: 3 tests (1 passed, 1 failed, 1 skipped) · 1 with traces · 1 span · 1 LLM call · 10 tokens',
    )
    expect(warnings).toEqual([])
  })

  it('records at the end any test whose result never came, and none twice', async () => {
    const sink = new InMemorySessionSink()
    const reporter = new WandbReporter({ sinks: () => [sink] })
    reporter.onInit(fakeVitest().vitest)
    const seen = testCase({ id: '1', fullName: 'seen', state: 'passed' })
    const unseen = testCase({ id: '2', fullName: 'never reported', state: 'pending' })
    await reporter.onTestCaseResult(seen)
    await reporter.onTestRunEnd([moduleOf([seen, unseen])])
    expect(sink.records.map((record) => [record.name, record.state])).toEqual([
      ['seen', 'passed'],
      ['never reported', 'skipped'],
    ])
  })

  it('stays quiet in a shard that a merge will report, and reports at the merge', async () => {
    const shardSink = new InMemorySessionSink()
    const shard = new WandbReporter({ sinks: () => [shardSink] })
    const { vitest, logged } = fakeVitest({
      shard: { index: 1, count: 2 },
      reporters: [['blob', {}]],
    })
    shard.onInit(vitest)
    await shard.onTestRunStart()
    await shard.onTestCaseResult(testCase({ id: '1', fullName: 't', state: 'passed' }))
    await shard.onTestRunEnd([])
    expect(shardSink.session).toBeUndefined()
    expect(shardSink.records).toEqual([])
    expect(logged).toEqual([])

    const unmergedSink = new InMemorySessionSink()
    const unmerged = new WandbReporter({ sinks: () => [unmergedSink] })
    unmerged.onInit(fakeVitest({ shard: { index: 1, count: 2 } }).vitest)
    unmerged.onTestCaseResult(testCase({ id: '1', fullName: 't', state: 'passed' }))
    await vi.waitFor(() => expect(unmergedSink.session?.shard).toBe('1/2'))
  })

  it("lets go of a test's traces once recorded, but not when a blob reporter still has to store them", async () => {
    const released = await tracedMeta()
    const reporter = new WandbReporter({ sinks: () => [new InMemorySessionSink()] })
    reporter.onInit(fakeVitest().vitest)
    reporter.onTestCaseResult(testCase({ id: '1', fullName: 't', state: 'passed', meta: released }))
    await vi.waitFor(() => expect(released).not.toHaveProperty(TEST_META_KEY))

    const kept = await tracedMeta()
    const blobSink = new InMemorySessionSink()
    const withBlob = new WandbReporter({ sinks: () => [blobSink] })
    withBlob.onInit(fakeVitest({ reporters: ['default', 'blob'] }).vitest)
    withBlob.onTestCaseResult(testCase({ id: '1', fullName: 't', state: 'passed', meta: kept }))
    await vi.waitFor(() => expect(blobSink.records[0]?.traces).toHaveLength(1))
    expect(kept).toHaveProperty(TEST_META_KEY)
  })

  it('answers every hook but the last at once, and writes the records in later turns, in order', async () => {
    let releaseStart: () => void = () => undefined
    const sink = new InMemorySessionSink()
    const slowStart: SessionSink = {
      start: (session) =>
        new Promise<void>((done) => (releaseStart = done)).then(() => sink.start(session)),
      write: (record) => sink.write(record),
      finish: (summary) => sink.finish(summary),
    }
    const reporter = new WandbReporter({ sinks: () => [slowStart] })
    reporter.onInit(fakeVitest().vitest)
    expect(reporter.onTestRunStart()).toBeUndefined()
    const cases = [1, 2, 3].map((id) =>
      testCase({ id: String(id), fullName: `t${id}`, state: 'passed' }),
    )
    for (const each of cases) expect(reporter.onTestCaseResult(each)).toBeUndefined()
    await new Promise((done) => setImmediate(done))
    expect(sink.records).toEqual([])
    releaseStart()
    await vi.waitFor(() => expect(sink.records).toHaveLength(3))
    await reporter.onTestRunEnd([moduleOf(cases)])
    expect(sink.records.map((record) => record.name)).toEqual(['t1', 't2', 't3'])
  })

  it('writes at the end, in the order they came, the records still waiting for their turn', async () => {
    const sink = new InMemorySessionSink()
    const reporter = new WandbReporter({ sinks: () => [sink] })
    reporter.onInit(fakeVitest().vitest)
    const cases = [3, 1, 2].map((id) =>
      testCase({ id: String(id), fullName: `t${id}`, state: 'passed' }),
    )
    for (const each of cases) reporter.onTestCaseResult(each)
    await reporter.onTestRunEnd([moduleOf([...cases].reverse())])
    expect(sink.records.map((record) => record.name)).toEqual(['t3', 't1', 't2'])
  })

  it('prints the summary of every run of a watch session, each run recording its tests anew', async () => {
    const sinks: InMemorySessionSink[] = []
    const reporter = new WandbReporter({
      sinks: () => {
        sinks.push(new InMemorySessionSink())
        return [sinks.at(-1)!]
      },
    })
    const { vitest, logged } = fakeVitest({ watch: true })
    reporter.onInit(vitest)
    for (const state of ['failed', 'passed'] as const) {
      const cases = [
        testCase({ id: 'same-id', fullName: 'answers', state }),
        testCase({ id: 'other', fullName: 'skips', state: 'skipped' }),
      ]
      reporter.onTestRunStart()
      for (const each of cases) reporter.onTestCaseResult(each)
      await reporter.onTestRunEnd([moduleOf(cases)])
    }
    expect(sinks).toHaveLength(2)
    expect(sinks.map((sink) => sink.records.map((record) => record.state))).toEqual([
      ['failed', 'skipped'],
      ['passed', 'skipped'],
    ])
    const totals = logged.filter((line) => / tests \(/.test(line))
    expect(totals).toEqual([
      expect.stringMatching(/^vitest-wandb: 2 tests \(0 passed, 1 failed, 1 skipped\) · /),
      expect.stringMatching(/^vitest-wandb: 2 tests \(1 passed, 1 skipped\) · /),
    ])
  })

  it('in watch mode, leaves W&B out unless asked to, and says so once as it starts', async () => {
    const modes: (string | undefined)[] = []
    const sinks = (options: ResolvedPluginOptions): SessionSink[] => {
      modes.push(options.mode)
      return [new InMemorySessionSink()]
    }
    const runTwice = async (reporter: WandbReporter): Promise<void> => {
      for (const id of ['1', '2']) {
        reporter.onTestRunStart()
        await reporter.onTestRunEnd([moduleOf([testCase({ id, fullName: 't', state: 'passed' })])])
      }
    }
    const watching = fakeVitest({ watch: true })
    const quiet = new WandbReporter({ mode: 'online', sinks })
    quiet.onInit(watching.vitest)
    await runTwice(quiet)
    expect(modes).toEqual(['disabled', 'disabled'])
    expect(watching.logged.filter((line) => line.includes('watch mode'))).toEqual([
      'vitest-wandb: watch mode logs nothing to W&B (every rerun would be a run of its own); to log each run, set wandb({ wandbInWatchMode: true }).',
    ])

    modes.length = 0
    const optedIn = fakeVitest({ watch: true })
    const logging = new WandbReporter({ mode: 'online', wandbInWatchMode: true, sinks })
    logging.onInit(optedIn.vitest)
    await runTwice(logging)
    expect(modes).toEqual(['online', 'online'])
    expect(optedIn.logged.filter((line) => line.includes('watch mode'))).toEqual([])

    modes.length = 0
    const once = fakeVitest()
    const run = new WandbReporter({ mode: 'online', sinks })
    run.onInit(once.vitest)
    await runTwice(run)
    expect(modes).toEqual(['online', 'online'])
    expect(once.logged.filter((line) => line.includes('watch mode'))).toEqual([])
  })

  it('prints its lines on stderr when another reporter prints its report on stdout', async () => {
    const reporter = new WandbReporter({ sinks: () => [new InMemorySessionSink()] })
    const { vitest, logged, errorLines } = fakeVitest({ reporters: [['json', {}]] })
    reporter.onInit(vitest)
    const passed = testCase({ id: '1', fullName: 't', state: 'passed' })
    reporter.onTestCaseResult(passed)
    await reporter.onTestRunEnd([moduleOf([passed])])
    expect(logged).toEqual([])
    expect(errorLines).toEqual([expect.stringMatching(/^vitest-wandb: 1 test \(1 passed\) · /)])

    const toFile = fakeVitest({ reporters: [['json', {}]], outputFile: { json: 'r.json' } })
    const filed = new WandbReporter({ sinks: () => [new InMemorySessionSink()] })
    filed.onInit(toFile.vitest)
    filed.onTestCaseResult(passed)
    await filed.onTestRunEnd([moduleOf([passed])])
    expect(toFile.errorLines).toEqual([])
    expect(toFile.logged).toHaveLength(1)
  })

  it('never rejects: a sink that throws, or a test meta it cannot read, costs one warning each', async () => {
    const broken: SessionSink = {
      start: async () => undefined,
      write: () => {
        throw new Error('disk full')
      },
      finish: async () => {
        throw new Error('cannot close')
      },
    }
    const reporter = new WandbReporter({ sinks: () => [broken] })
    reporter.onInit(fakeVitest().vitest)
    reporter.onTestCaseResult(
      testCase({
        id: '1',
        fullName: 'bad meta',
        state: 'passed',
        meta: { [TEST_META_KEY]: '{oops' },
      }),
    )
    await expect(reporter.onTestRunEnd([])).resolves.toBeUndefined()
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toMatch(
      /^vitest-wandb: could not read the traces of "bad meta": SyntaxError/,
    )
    expect(warnings[1]).toMatch(
      /^vitest-wandb: could not write the session sink \(Error: disk full\); the session goes on without it\.$/,
    )
  })
})
