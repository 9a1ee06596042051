import { createServer } from 'node:net'
import type { AddressInfo, Socket } from 'node:net'
import { relative } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_API_KEY } from '../support/fake-wandb/index.js'
import { historyRows, readRunRecords } from '../wandb/run-fixtures.js'
import { keylessEnv } from './support/keyless-env.js'
import { runFolders } from './support/offline-runs.js'
import { runFixture } from './support/run-fixture.js'
import type { FixtureRun } from './support/run-fixture.js'

const TESTS_IN_FIXTURE = 5
// The most a session may spend finding out W&B is not there.
const FALLBACK_BUDGET_MS = 5_000
// Room for two cores shared with other test files; the old schedule took some 23 s more.
const SLACK_MS = 3_000
const BLACKHOLE_TIMEOUT_MS = 3_000
const RUN_TEST_TIMEOUT_MS = 90_000

async function timed(run: () => Promise<FixtureRun>): Promise<FixtureRun & { ms: number }> {
  const started = Date.now()
  const result = await run()
  return { ...result, ms: Date.now() - started }
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  await new Promise((done) => server.close(done))
  return port
}

/** A server that accepts connections and never answers; `close` drops them. */
async function blackhole(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>()
  const server = createServer((socket) => void sockets.add(socket))
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise((done) => server.close(done))
    },
  }
}

/** The run passed, and its whole session is one complete offline run, announced in one warning. */
function expectFallback(run: FixtureRun, baseUrl: string, reason: RegExp): void {
  expect(run.exitCode, run.stdout + run.stderr).toBe(0)
  expect(run.stdout).toMatch(new RegExp(`Tests\\s+${TESTS_IN_FIXTURE} passed`))
  const folders = runFolders(run.dir)
  expect(folders).toHaveLength(1)
  const records = readRunRecords(folders[0]!)
  expect(historyRows(records)).toHaveLength(TESTS_IN_FIXTURE)
  expect(records.slice(-3).map((record) => record.kind)).toEqual(['summary', 'exit', 'final'])
  const shown = relative(run.dir, folders[0]!)
  expect(shown).toMatch(/^wandb\/offline-run-/)
  const warnings = run.stderr.split('\n').filter((line) => line.startsWith('vitest-wandb:'))
  expect(warnings).toHaveLength(1)
  const said = warnings[0]!.match(
    /^vitest-wandb: could not reach W&B at (\S+) \((.*)\); the session was saved to (\S+) — upload it with `npx vitest-wandb sync (\S+)`/,
  )
  expect(said?.slice(1)).toEqual([baseUrl, expect.stringMatching(reason), shown, shown])
}

let withoutWandbMs: number
beforeAll(async () => {
  const run = await timed(() => runFixture('passing', [], keylessEnv()))
  expect(run.exitCode, run.stdout + run.stderr).toBe(0)
  withoutWandbMs = run.ms
}, RUN_TEST_TIMEOUT_MS)

describe('falling back to the offline run', () => {
  it(
    'takes seconds, not the whole deadline, when W&B refuses connections',
    async () => {
      const baseUrl = `http://127.0.0.1:${await closedPort()}`
      const run = await timed(() =>
        runFixture('passing', [], {
          ...keylessEnv(),
          WANDB_API_KEY: DEFAULT_API_KEY,
          WANDB_BASE_URL: baseUrl,
        }),
      )
      expect(run.ms - withoutWandbMs).toBeLessThan(FALLBACK_BUDGET_MS + SLACK_MS)
      expectFallback(run, baseUrl, /^connection failed \(ECONNREFUSED\)$/)
    },
    RUN_TEST_TIMEOUT_MS,
  )

  it(
    'waits the whole timeoutMs, and not much longer, for a server that never answers',
    async () => {
      const server = await blackhole()
      try {
        const run = await timed(() =>
          runFixture('passing', [], {
            ...keylessEnv(),
            WANDB_API_KEY: DEFAULT_API_KEY,
            WANDB_BASE_URL: server.url,
            E2E_TIMEOUT_MS: String(BLACKHOLE_TIMEOUT_MS),
          }),
        )
        expect(run.ms).toBeGreaterThanOrEqual(BLACKHOLE_TIMEOUT_MS)
        expect(run.ms - withoutWandbMs).toBeLessThan(BLACKHOLE_TIMEOUT_MS + SLACK_MS)
        expectFallback(run, server.url, /^timed out after \d+ ms$/)
      } finally {
        await server.close()
      }
    },
    RUN_TEST_TIMEOUT_MS,
  )
})
