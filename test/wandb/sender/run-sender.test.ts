import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { JsonObject } from '../../../src/json.js'
import type { ApiResult } from '../../../src/wandb/graphql-client.js'
import { Deadline } from '../../../src/wandb/http/deadline.js'
import { OfflineRunWriter } from '../../../src/wandb/offline-run-writer.js'
import { LogTail } from '../../../src/wandb/sender/log-tail.js'
import { RunSender } from '../../../src/wandb/sender/run-sender.js'
import type { SenderOptions } from '../../../src/wandb/sender/run-sender.js'
import type { RunTransport } from '../../../src/wandb/sender/run-transport.js'
import {
  ProgressRecord,
  readSyncProgress,
  sameTarget,
} from '../../../src/wandb/sender/send-progress.js'
import { runDescription } from './support/run-description.js'
import { stubTransport } from './support/stub-transport.js'
import type { TransportCall } from './support/stub-transport.js'

const BASE_URL = 'https://api.wandb.test'

function newLog(): { dir: string; writer: OfflineRunWriter } {
  const dir = mkdtempSync(join(tmpdir(), 'run-sender-'))
  const writer = OfflineRunWriter.create(
    dir,
    { ...runDescription('sender-run', 'stub-project'), entity: 'stub-entity' },
    'vitest-wandb test',
  )
  return { dir, writer }
}

/** A row shaped like a test's: a trace of a few kilobytes and its counts. */
function row(step: number): JsonObject {
  return {
    'test/name': `answers question ${step}`,
    'test/passed': step % 7 !== 0,
    trace: { _type: 'wb_trace_tree', root_span_dumps: `{"name":"query ${step}"}`.repeat(40) },
    _step: step,
  }
}

function writeRows(writer: OfflineRunWriter, from: number, to: number): void {
  for (let step = from; step < to; step += 1) writer.history(row(step))
}

/** A sender over the log in `dir`, going on from what an earlier attempt recorded there. */
function senderFor(
  dir: string,
  transport: RunTransport,
  options: Partial<SenderOptions> = {},
): RunSender {
  return new RunSender(new LogTail(join(dir, 'run-sender-run.wandb')), transport, {
    dir,
    timeoutMs: 5_000,
    wait: (_what, budgetMs, step) => step(new Deadline(budgetMs)),
    progressFor: (run) => {
      const previous = readSyncProgress(dir)
      const start =
        previous !== undefined && sameTarget(previous, BASE_URL, run)
          ? previous
          : { baseUrl: BASE_URL, run, artifacts: 0, rows: 0, files: 0 }
      return new ProgressRecord(dir, start)
    },
    ...options,
  })
}

function historyCalls(calls: readonly TransportCall[]) {
  return calls.flatMap((call) => (call.kind === 'history' ? [call] : []))
}

/** How many times W&B was sent each row, by row number. */
function receipts(calls: readonly TransportCall[], rows: number): number[] {
  const counts = new Array<number>(rows).fill(0)
  for (const call of historyCalls(calls)) {
    call.lines.forEach((_line, i) => (counts[call.offset + i] = (counts[call.offset + i] ?? 0) + 1))
  }
  return counts
}

describe('RunSender', () => {
  it('sends the log in its order: history in batches of 200 at their offsets, a file after the rows before it, then the summary and the end', async () => {
    const { dir, writer } = newLog()
    writeRows(writer, 0, 10)
    mkdirSync(join(dir, 'files'), { recursive: true })
    writeFileSync(join(dir, 'files', 'tests.table.json'), '{"columns":["name"]}')
    writer.files(['tests.table.json'], 'NOW')
    writeRows(writer, 10, 450)
    writer.summary({ 'tests/passed': 385, _runtime: 12.5 })
    writer.finish(1, 12.5)
    const { transport, calls } = stubTransport()

    const sent = await senderFor(dir, transport).finish(1)

    expect(sent).toEqual({ ok: true, value: undefined })
    expect(
      calls.map((call) => (call.kind === 'history' ? [call.offset, call.lines.length] : call.kind)),
    ).toEqual(['create', [0, 10], 'file', [10, 200], [210, 200], [410, 40], 'summary', 'complete'])
    const lines = historyCalls(calls).flatMap((call) => call.lines)
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(
      Array.from({ length: 450 }, (_, step) => row(step)),
    )
    expect(lines[3]).toBe(JSON.stringify(row(3)))
    expect(calls).toContainEqual({
      kind: 'file',
      name: 'tests.table.json',
      bytes: '{"columns":["name"]}',
    })
    expect(calls.at(-2)).toEqual({ kind: 'summary', json: '{"tests/passed":385,"_runtime":12.5}' })
    expect(calls.at(-1)).toEqual({ kind: 'complete', exitCode: 1 })
    expect(readSyncProgress(dir)).toMatchObject({ rows: 450, files: 1, artifacts: 0 })
  })

  it('reads a log while it grows, sending a full batch at once and the rest after the flush interval', async () => {
    const { dir, writer } = newLog()
    const { transport, calls } = stubTransport()
    const sender = senderFor(dir, transport, { flushIntervalMs: 50 })
    sender.wake()
    writeRows(writer, 0, 230)
    sender.wake()
    await expect.poll(() => historyCalls(calls).map((call) => call.offset)).toEqual([0, 200])
    expect(historyCalls(calls).map((call) => call.lines.length)).toEqual([200, 30])
    writer.summary({ done: true })
    writer.finish(0, 1)
    expect(await sender.finish(0)).toEqual({ ok: true, value: undefined })
    expect(receipts(calls, 230)).toEqual(new Array(230).fill(1))
  })

  it('goes on after a crash in the middle of a batch: every row reaches W&B once, the file once', async () => {
    const { dir, writer } = newLog()
    writeRows(writer, 0, 120)
    writeFileSync(join(dir, 'files', 'early.json'), '{}')
    writer.files(['early.json'], 'NOW')
    writeRows(writer, 120, 450)
    const neverAnswered = new Promise<ApiResult<void>>(() => {})
    const first = stubTransport((call) =>
      call.kind === 'history' && call.offset >= 320
        ? neverAnswered
        : Promise.resolve({ ok: true, value: undefined }),
    )
    const crashed = senderFor(dir, first.transport, { flushIntervalMs: 10 })
    crashed.wake()
    await expect.poll(() => historyCalls(first.calls).at(-1)?.offset).toBe(320)
    // The process dies here: the batch from row 320 was sent, W&B never confirmed it.
    expect(readSyncProgress(dir)).toMatchObject({ rows: 320, files: 1 })

    writer.summary({ 'tests/total': 450 })
    writer.finish(0, 3)
    const second = stubTransport()
    expect(await senderFor(dir, second.transport).finish(0)).toEqual({ ok: true, value: undefined })

    expect(historyCalls(second.calls).map((call) => [call.offset, call.lines.length])).toEqual([
      [320, 130],
    ])
    expect(second.calls.filter((call) => call.kind === 'file')).toEqual([])
    const confirmed = [
      ...first.calls.filter((c) => !(c.kind === 'history' && c.offset >= 320)),
      ...second.calls,
    ]
    expect(receipts(confirmed, 450)).toEqual(new Array(450).fill(1))
    expect(readSyncProgress(dir)).toMatchObject({ rows: 450, files: 1 })
  })

  it('gives each step its own deadline and stops at the first step that runs out of it', async () => {
    const { dir, writer } = newLog()
    writeRows(writer, 0, 250)
    writer.summary({ done: true })
    writer.finish(0, 1)
    const budgets: Array<[string, number]> = []
    const { transport, calls } = stubTransport(async (call, deadline) => {
      if (call.kind !== 'history' || call.offset === 0) return { ok: true, value: undefined }
      await new Promise((resolve) => setTimeout(resolve, deadline?.remainingMs() ?? 0))
      return { ok: false, reason: 'W&B did not answer within 0.3 s' }
    })
    const startedAt = Date.now()
    const sent = await senderFor(dir, transport, {
      timeoutMs: 300,
      wait: (what, budgetMs, step) => {
        budgets.push([what, budgetMs])
        return step(new Deadline(budgetMs))
      },
    }).finish(0)

    expect(sent).toEqual({ ok: false, reason: 'W&B did not answer within 0.3 s' })
    expect(Date.now() - startedAt).toBeLessThan(2_000)
    expect(budgets).toEqual([
      ['create the run', 300],
      ['accept rows 1–200', 300],
      ['accept rows 201–250', 300],
    ])
    expect(calls.map((call) => call.kind)).toEqual(['create', 'history', 'history'])
    expect(readSyncProgress(dir)).toMatchObject({ rows: 200 })
  })

  it('sends nothing more once creating the run fails, and says why', async () => {
    const { dir, writer } = newLog()
    writeRows(writer, 0, 5)
    writer.finish(0, 1)
    const { transport, calls } = stubTransport((call) =>
      Promise.resolve(
        call.kind === 'create'
          ? { ok: false, reason: 'W&B rejected the API key (HTTP 401)', status: 401 }
          : { ok: true, value: undefined },
      ),
    )
    const failures: string[] = []
    const sender = senderFor(dir, transport, {
      listener: { failed: (failure) => failures.push(failure.reason) },
    })
    expect(await sender.finish(0)).toMatchObject({ ok: false, status: 401 })
    expect(calls.map((call) => call.kind)).toEqual(['create'])
    expect(failures).toEqual(['W&B rejected the API key (HTTP 401)'])
    expect(sender.sent).toBeUndefined()
  })

  it('fails with the file named when a run file the log lists is missing', async () => {
    const { dir, writer } = newLog()
    writer.files(['gone.json'], 'NOW')
    writer.finish(0, 1)
    const { transport } = stubTransport()
    const sent = await senderFor(dir, transport).finish(0)
    expect(sent).toEqual({
      ok: false,
      reason: `the run file gone.json is missing from ${join(dir, 'files')}`,
    })
  })
})
