import { existsSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BLOCK_SIZE, ChunkType } from '../../src/wandb/offline/transaction-log.js'
import { PROGRESS_FILE } from '../../src/wandb/sender/send-progress.js'
import { WandbRun } from '../../src/wandb/wandb-run.js'
import { useFakeWandb } from '../support/fake-wandb/use-fake-wandb.js'
import { chunksOf } from '../wandb/offline/support/chunks.js'
import { fakeRunSettings, runOptions } from '../wandb/run-fixtures.js'
import { runCli } from './support/run-cli.js'
import type { CliRun } from './support/run-cli.js'

const fake = useFakeWandb()

interface OfflineRunFolder {
  /** Where the command runs: the folder holding `wandb/`. */
  readonly root: string
  /** The run folder as a user types it from `root`: `wandb/offline-run-…`. */
  readonly folder: string
  readonly runId: string
  readonly logPath: string
}

interface RunShape {
  /** False: left as a killed process leaves it, without an exit record. */
  readonly finish?: boolean
  /** The folder to hold `wandb/`; a fresh one by default. */
  readonly root?: string
  /** Characters of text in each row besides its name, to spread the log over several blocks. */
  readonly rowText?: number
}

/** An offline run written by this package's own writer: `rows` rows and one file, ended with exit code 0. */
async function offlineRun(rows: number, shape: RunShape = {}): Promise<OfflineRunFolder> {
  const root = shape.root ?? tempRoot()
  const settings = fakeRunSettings(fake().baseUrl, undefined, { dir: root })
  const run = new WandbRun(runOptions(settings))
  const text = 'x'.repeat(shape.rowText ?? 0)
  for (let index = 0; index < rows; index += 1) run.log({ 'test/name': `t${index}`, text })
  run.saveFile('media/table/tests_1_x.table.json', Buffer.from('{"data":[]}'))
  if (shape.finish !== false) await run.finish({ 'tests/total': rows }, 0)
  const logPath = join(run.dir, `run-${settings.runId}.wandb`)
  return { root, folder: relative(root, run.dir), runId: settings.runId, logPath }
}

function tempRoot(): string {
  return mkdtempSync(join(tmpdir(), 'sync-cli-'))
}

/** Where the `index`th record of a log starts (0: the header record, 1: the run, 2: the first row). */
function recordOffset(logPath: string, index: number): number {
  const chunk = chunksOf(readFileSync(logPath))[index]
  if (chunk === undefined) throw new Error(`${logPath} has no record ${index}`)
  return chunk.offset
}

function sync(run: OfflineRunFolder, ...args: string[]): Promise<CliRun> {
  return runCli(['sync', ...args], run.root, fake().env())
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '')
}

function expectNoInternalNames(result: CliRun): void {
  expect(`${result.stdout}${result.stderr}`).not.toMatch(/\b[A-Z][A-Za-z]*Error\b|\bat .*\.js:\d+/)
}

describe('vitest-wandb sync, on logs that did not end cleanly', () => {
  it('sends a cut log up to its last whole row, as a failed run, and exits 1 saying what was lost', async () => {
    const run = await offlineRun(4)
    const cutRecord = recordOffset(run.logPath, 3)
    truncateSync(run.logPath, cutRecord + 10)
    const result = await sync(run, run.folder)
    expect(result.code).toBe(1)
    const sent = fake().run(run.runId)
    expect(sent.history.map((row) => row['test/name'])).toEqual(['t0'])
    expect(sent).toMatchObject({ complete: true, exitcode: 1 })
    const logShown = join(run.folder, `run-${run.runId}.wandb`)
    const url = `${fake().baseUrl}/test-entity/rag-evals/runs/${run.runId}`
    expect(lines(result.stderr)).toEqual([
      `vitest-wandb: ${logShown} is damaged: the file ends inside the record at byte ${cutRecord}. Its last 10 bytes (one record cut short) cannot be sent; what comes before them is sent (1 row).`,
      `vitest-wandb: ${run.folder} has no exit record: its run stopped before it ended (a killed or crashed process). It is sent as a failed run, with exit code 1, as W&B's own sync does.`,
      `vitest-wandb: sent ${run.folder} to ${url} (1 row, 0 files), but its log is damaged and has no exit record; W&B shows the run as failed (exit code 1). It is not marked synced; ${PROGRESS_FILE} in it records what was sent.`,
    ])
    expect(lines(result.stdout)).toEqual([
      `vitest-wandb: syncing ${run.folder} to ${url} (1 row, 0 files).`,
    ])
    expect(existsSync(`${run.logPath}.synced`)).toBe(false)
    expect(fake().errors).toEqual([])
  })

  it('sends a killed run as a failed one, and reports it again instead of sending it twice', async () => {
    const run = await offlineRun(3, { finish: false })
    const first = await sync(run, run.folder)
    expect(first.code).toBe(1)
    const sent = fake().run(run.runId)
    expect(sent.history.map((row) => row['test/name'])).toEqual(['t0', 't1', 't2'])
    expect(sent).toMatchObject({ complete: true, exitcode: 1 })
    expect(sent.summary).toBeUndefined()
    expect(Buffer.from(sent.uploads['media/table/tests_1_x.table.json'] ?? []).toString()).toBe(
      '{"data":[]}',
    )
    expect(first.stderr).toContain(`${run.folder} has no exit record`)
    expect(first.stderr).not.toContain('is damaged')
    expect(first.stderr).toContain(
      '(3 rows, 1 file), but its log has no exit record; W&B shows the run as failed (exit code 1)',
    )
    expect(existsSync(`${run.logPath}.synced`)).toBe(false)
    const requests = fake().requests.length
    const second = await sync(run, run.folder)
    expect(second.code).toBe(1)
    expect(fake().requests.length).toBe(requests)
    expect(lines(second.stderr)).toEqual([
      `vitest-wandb: skipped ${run.folder}: all that could be read of it was sent to ${fake().baseUrl}/test-entity/rag-evals/runs/${run.runId} before (3 rows), but its log has no exit record; W&B shows the run as failed (exit code 1).`,
    ])
  })

  it('never sends a killed run without rows as finished and successful', async () => {
    const run = await offlineRun(0, { finish: false })
    const result = await sync(run, run.folder)
    expect(result.code).toBe(1)
    expect(fake().run(run.runId)).toMatchObject({ complete: true, exitcode: 1, history: [] })
    expect(result.stderr).toContain('has no exit record')
  })

  it('stops at a chunk that fails its CRC check in the middle, naming the records lost after it', async () => {
    const run = await offlineRun(40, { rowText: 2_000 })
    const damaged = recordOffset(run.logPath, 3)
    const bytes = readFileSync(run.logPath)
    bytes[damaged + 12] = (bytes[damaged + 12] as number) ^ 0xff
    writeFileSync(run.logPath, bytes)
    const laterBlocks = chunksOf(bytes).filter(
      (c) => c.offset >= BLOCK_SIZE && c.type !== ChunkType.LAST,
    )
    expect(laterBlocks.length).toBeGreaterThan(20)
    const result = await sync(run, run.folder)
    expect(result.code).toBe(1)
    expect(
      fake()
        .run(run.runId)
        .history.map((row) => row['test/name']),
    ).toEqual(['t0'])
    expect(fake().run(run.runId)).toMatchObject({ complete: true, exitcode: 1 })
    expect(result.stderr).toContain(
      `is damaged: the chunk at byte ${damaged} fails its CRC check. Its last ${(bytes.length - damaged).toLocaleString('en-US')} bytes (the damaged record and ${laterBlocks.length} whole records after it) cannot be sent; what comes before them is sent (1 row).`,
    )
    expect(existsSync(`${run.logPath}.synced`)).toBe(false)
    expectNoInternalNames(result)
  })
})

describe('vitest-wandb sync, resuming and whole folders', () => {
  it('goes on where a failed sync stopped, sending each row exactly once', async () => {
    const run = await offlineRun(450)
    fake().failures.failAfter('file_stream', 1, { kind: 'reset' })
    const failed = await sync(run, '--timeout', '1500', run.folder)
    expect(failed.code).toBe(1)
    expect(fake().run(run.runId).history).toHaveLength(200)
    expect(failed.stderr).toMatch(
      new RegExp(
        `^vitest-wandb: could not sync ${run.folder}: connection failed \\(.+\\)\\. W&B has its first 200 rows, as ${run.folder}/${PROGRESS_FILE} records\\. Run the command again to send the rest; a longer --timeout helps if W&B is slow\\.\\n$`,
      ),
    )
    await fake().failures.restore()
    const resumed = await sync(run, run.folder)
    expect(resumed.code).toBe(0)
    const url = `${fake().baseUrl}/test-entity/rag-evals/runs/${run.runId}`
    expect(lines(resumed.stdout)).toEqual([
      `vitest-wandb: syncing ${run.folder} to ${url} (450 rows, 1 file; W&B has the first 200 from before).`,
      `vitest-wandb: synced ${run.folder} to ${url} (450 rows, 250 of them now, 1 file).`,
    ])
    expect(resumed.stderr).toBe('')
    const sent = fake().run(run.runId)
    expect(sent.history.map((row) => row['_step'])).toEqual(
      Array.from({ length: 450 }, (_, i) => i),
    )
    expect(sent.historyReceipts).toEqual(Array.from({ length: 450 }, () => 1))
    expect(sent).toMatchObject({ complete: true, exitcode: 0, summary: { 'tests/total': 450 } })
    expect(existsSync(`${run.logPath}.synced`)).toBe(true)
    expect(fake().errors).toEqual([])
  })

  it('syncs every offline run of a wandb/ folder, skipping the one synced before', async () => {
    const synced = await offlineRun(2)
    const pending = await offlineRun(3, { root: synced.root })
    expect((await sync(synced, synced.folder)).code).toBe(0)
    const upserts = fake().run(synced.runId).upserts.length
    const result = await sync(synced, 'wandb')
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    const url = `${fake().baseUrl}/test-entity/rag-evals/runs/${pending.runId}`
    expect(lines(result.stdout).sort()).toEqual(
      [
        `vitest-wandb: skipped ${synced.folder}: it was synced before.`,
        `vitest-wandb: syncing ${pending.folder} to ${url} (3 rows, 1 file).`,
        `vitest-wandb: synced ${pending.folder} to ${url} (3 rows, 1 file).`,
      ].sort(),
    )
    expect(fake().run(pending.runId)).toMatchObject({ complete: true, exitcode: 0 })
    expect(fake().run(pending.runId).history).toHaveLength(3)
    expect(fake().run(synced.runId).upserts).toHaveLength(upserts)
  })
})

describe('vitest-wandb sync, waiting on W&B', () => {
  it('says what it waits for past two seconds, and gives up at --timeout', async () => {
    const run = await offlineRun(2)
    fake().failures.hang('file_stream')
    const result = await sync(run, '--timeout=3000', run.folder)
    expect(result.code).toBe(1)
    expect(result.elapsedMs).toBeLessThan(8_000)
    const waits = lines(result.stdout).filter((line) => line.includes('waiting for W&B'))
    expect(waits, result.stdout).toHaveLength(1)
    // About 1 s of the 3 s is left after the first 2 s; a loaded machine may round it either way.
    expect(waits[0]).toMatch(
      /^vitest-wandb: waiting for W&B to accept rows 1–2 \(up to [1-2] s more\)…$/,
    )
    expect(result.stderr).toMatch(
      /could not sync .*: timed out after \d+ ms\. Run the command again/,
    )
  })

  it('refuses a timeout that is not a whole number of milliseconds, with exit code 2', async () => {
    const root = tempRoot()
    for (const value of ['0', '2s', '-5', '99999999']) {
      const result = await runCli(['sync', '--timeout', value, 'wandb'], root, fake().env())
      expect(result.code).toBe(2)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(
        new RegExp(
          `^vitest-wandb sync: --timeout takes a whole number of milliseconds from 1 to 3600000, e\\.g\\. --timeout 60000; "${value}" is not one\\.\\n\\nUsage: vitest-wandb sync`,
        ),
      )
    }
  })

  it('says the API key was rejected and how to set one, without suggesting a retry', async () => {
    const run = await offlineRun(1)
    const result = await runCli(['sync', run.folder], run.root, {
      ...fake().env(),
      WANDB_API_KEY: 'f'.repeat(40),
    })
    expect(result.code).toBe(1)
    expect(lines(result.stderr)).toEqual([
      `vitest-wandb: could not sync ${run.folder}: W&B rejected the API key (HTTP 401). Set WANDB_API_KEY to a valid key, or run \`wandb login\`, then sync again.`,
    ])
    expect(result.stderr).not.toMatch(/run the command again/i)
    expect(result.stderr).not.toContain('f'.repeat(40))
    expectNoInternalNames(result)
  })

  it('sends nothing when the key or the address is wrong, saying which variable to fix', async () => {
    const run = await offlineRun(1)
    const requests = fake().requests.length
    const shortKey = await runCli(['sync', run.folder], run.root, {
      ...fake().env(),
      WANDB_API_KEY: 'abc',
    })
    expect(shortKey.code).toBe(1)
    expect(lines(shortKey.stderr)).toHaveLength(1)
    expect(shortKey.stderr).toMatch(/^vitest-wandb: WANDB_API_KEY .*; nothing was synced — /)
    expect(shortKey.stderr).not.toContain('abc')
    const notUrl = await runCli(['sync', run.folder], run.root, {
      ...fake().env(),
      WANDB_BASE_URL: 'not a url',
    })
    expect(notUrl.code).toBe(1)
    expect(notUrl.stderr).toMatch(/^vitest-wandb: WANDB_BASE_URL .*; nothing was synced — /)
    expect(fake().requests.length).toBe(requests)
    expectNoInternalNames(notUrl)
  })
})

describe('vitest-wandb help', () => {
  it('prints the command list or a command help on stdout, exit 0, for every way of asking', async () => {
    const root = tempRoot()
    const top = [[], ['--help'], ['-h'], ['help']]
    const sync = [
      ['help', 'sync'],
      ['sync', '--help'],
      ['sync', '-h'],
      ['sync', 'wandb', '--help'],
    ]
    for (const [args, usage] of [
      ...top.map((args) => [args, 'Usage: vitest-wandb <command> [options]\n'] as const),
      ...sync.map((args) => [args, 'Usage: vitest-wandb sync [options] <dir>...\n'] as const),
    ]) {
      const result = await runCli(args, root)
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({
        args,
        code: 0,
        stderr: '',
      })
      expect(result.stdout.startsWith(usage)).toBe(true)
    }
  })

  it('documents what sync records, how it treats unclean runs, and its exit codes', async () => {
    const { stdout } = await runCli(['sync', '--help'], tempRoot())
    const text = stdout.replace(/\s+/g, ' ')
    expect(text).toContain('--timeout <ms> The longest to wait on W&B for any one step')
    expect(text).toContain(`run-<id>.wandb.synced The run was sent whole`)
    expect(text).toContain(`${PROGRESS_FILE} What W&B confirmed so far`)
    expect(text).toContain("is sent as a failed run, with exit code 1, as W&B's own sync does")
    expect(text).toContain(
      'sent up to its last good record, the bytes after it are reported as lost',
    )
    expect(text).toContain('0 every run was synced and had ended cleanly')
    expect(text).toContain('2 wrong usage')
  })

  it('exits 2 with the usage on stderr for an unknown option, at the top and in sync', async () => {
    const root = tempRoot()
    const top = await runCli(['--bogus'], root)
    expect(top).toMatchObject({ code: 2, stdout: '' })
    expect(top.stderr).toMatch(
      /^vitest-wandb: unknown option "--bogus"\.\n\nUsage: vitest-wandb <command>/,
    )
    const sync = await runCli(['sync', '--bogus', 'wandb'], root)
    expect(sync).toMatchObject({ code: 2, stdout: '' })
    expect(sync.stderr).toMatch(
      /^vitest-wandb sync: unknown option "--bogus"\.\n\nUsage: vitest-wandb sync/,
    )
  })
})
