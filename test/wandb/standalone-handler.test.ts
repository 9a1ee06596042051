import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { WandbCallbackHandler } from '../../src/index.js'
import { runFolders } from '../e2e/support/offline-runs.js'
import type { FakeWandb } from '../support/fake-wandb/index.js'
import { useMswFakeWandb } from '../support/fake-wandb/use-fake-wandb.js'
import { captureWarnings } from '../support/warnings.js'
import { historyRows, readRunRecords } from './run-fixtures.js'

const fakeWandb = useMswFakeWandb()
const warnings = captureWarnings()
let fake: FakeWandb
let printed: string[]

beforeEach(() => {
  fake = fakeWandb()
  printed = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed.push(String(chunk))
    return true
  })
  vi.stubEnv('WANDB_API_KEY', fake.apiKey)
  vi.stubEnv('WANDB_BASE_URL', fake.mswBaseUrl)
  vi.stubEnv('WANDB_MODE', '')
  vi.stubEnv('WANDB_RUN_ID', '')
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

async function traceQuery(handler: WandbCallbackHandler, question: string): Promise<void> {
  await handler.callbackManager.event('query', { query_str: question }, (query) =>
    query.setEndPayload({ response: `re: ${question}` }),
  )
}

describe('a standalone WandbCallbackHandler with runArgs', () => {
  it('starts a run, logs {trace} per finished trace, prints the run URL once, and finish() ends the run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standalone-'))
    const handler = new WandbCallbackHandler({
      runArgs: { project: 'standalone', entity: 'test-entity', dir },
    })
    await traceQuery(handler, 'first')
    await traceQuery(handler, 'second')
    await handler.finish()
    const run = fake.runs.find((each) => each.upserts[0]?.['modelName'] === 'standalone')
    expect(run?.history).toHaveLength(2)
    const spans = run!.history.map((row) =>
      JSON.parse((row['trace'] as { root_span_dumps: string }).root_span_dumps),
    )
    expect(spans.map((span) => span.results[0].inputs.query_str)).toEqual(['first', 'second'])
    expect(run!.history[0]?.['trace']).toMatchObject({ _type: 'wb_trace_tree' })
    expect(run).toMatchObject({ complete: true, exitcode: 0 })
    expect(run!.summary).toMatchObject({ traces: 2, 'spans/total': 2 })
    expect(printed.filter((line) => line.includes('/runs/'))).toHaveLength(1)
  })

  it('reuses the run that is already active, as the seed does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standalone-'))
    const first = new WandbCallbackHandler({
      runArgs: { project: 'shared', entity: 'test-entity', dir },
    })
    const second = new WandbCallbackHandler({ runArgs: { project: 'ignored-while-active', dir } })
    await traceQuery(first, 'from first')
    await traceQuery(second, 'from second')
    await first.finish()
    await second.finish()
    const shared = fake.runs.filter((each) => each.upserts[0]?.['modelName'] === 'shared')
    expect(shared).toHaveLength(1)
    expect(shared[0]?.history).toHaveLength(2)
    expect(
      fake.runs.some((each) => each.upserts[0]?.['modelName'] === 'ignored-while-active'),
    ).toBe(false)
  })

  it('writes an offline run in offline mode, and tells where it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standalone-'))
    const handler = new WandbCallbackHandler({ runArgs: { project: 'p', mode: 'offline', dir } })
    await traceQuery(handler, 'offline')
    await handler.finish()
    const folders = runFolders(dir)
    expect(folders).toHaveLength(1)
    expect(historyRows(readRunRecords(folders[0]!))).toHaveLength(1)
    expect(printed.join('')).toContain(`traces saved to the offline run ${folders[0]}`)
  })

  it('logs nothing in disabled mode, and keeps traces in handler.traces', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standalone-'))
    vi.stubEnv('WANDB_MODE', 'disabled')
    const handler = new WandbCallbackHandler({ runArgs: { project: 'p', dir } })
    await traceQuery(handler, 'kept')
    await handler.finish()
    expect(runFolders(dir)).toEqual([])
    expect(handler.traces).toHaveLength(1)
  })

  it('logs nothing for runArgs W&B would refuse, and says so once without throwing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standalone-'))
    const handler = new WandbCallbackHandler({ runArgs: { entity: 'my-team/other', dir } })
    await traceQuery(handler, 'kept')
    await handler.finish()
    expect(runFolders(dir)).toEqual([])
    expect(handler.traces).toHaveLength(1)
    expect(warnings).toEqual([
      'vitest-wandb: runArgs.entity must be a W&B user or team name (no spaces, none of / \\ # ? % :); got "my-team/other"; traces are not logged to W&B (they stay in handler.traces) — fix it where the handler is made, or leave it out.',
    ])
  })

  it('logs nothing for a WANDB_RUN_ID that would leave the run folder, writing nowhere', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'standalone-'))
    vi.stubEnv('WANDB_RUN_ID', '../../escape')
    const handler = new WandbCallbackHandler({ runArgs: { project: 'p', dir } })
    await traceQuery(handler, 'kept')
    await handler.finish()
    expect(readdirSync(dir)).toEqual([])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      /^vitest-wandb: WANDB_RUN_ID must be a W&B run id .*; got "\.\.\/\.\.\/escape"; traces are not logged to W&B .* — fix WANDB_RUN_ID or unset it\.$/,
    )
  })
})
