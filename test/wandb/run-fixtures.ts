import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeRecord } from '../../src/wandb/offline/record-decoder.js'
import type { WandbRecord } from '../../src/wandb/offline/records.js'
import { readTransactionLog } from '../../src/wandb/offline/transaction-log-reader.js'
import type { WandbSettings } from '../../src/wandb/settings.js'
import type { WandbRunOptions } from '../../src/wandb/wandb-run.js'

/** Settings for a run against a fake W&B at `baseUrl`, writing under a fresh temporary folder. */
export function fakeRunSettings(
  baseUrl: string,
  apiKey: string | undefined,
  overrides: Partial<WandbSettings> = {},
): WandbSettings {
  return {
    mode: apiKey === undefined ? 'offline' : 'online',
    apiKey,
    baseUrl,
    appUrl: baseUrl,
    entity: 'test-entity',
    project: 'rag-evals',
    runId: `run${Math.random().toString(36).slice(2, 7)}`,
    name: 'nightly',
    group: 'ci-42',
    jobType: 'eval',
    tags: ['ci', 'rag'],
    notes: 'from the tests',
    dir: mkdtempSync(join(tmpdir(), 'wandb-run-')),
    dirSource: 'option',
    timeoutMs: 5_000,
    ...overrides,
  }
}

export function runOptions(
  settings: WandbSettings,
  announced: string[] = [],
  timeoutMs = 5_000,
): WandbRunOptions {
  return {
    settings,
    config: { vitest_version: '4.1.12', shard: null },
    git: { commit: 'abc123', branch: 'main', remoteUrl: 'https://example.com/repo.git' },
    startedAtMs: Date.now(),
    producer: 'vitest-wandb test',
    timeoutMs,
    announce: (line) => announced.push(line),
  }
}

/** Every record of the run folder's `.wandb` file, decoded (CRCs checked). */
export function readRunRecords(dir: string): WandbRecord[] {
  const name = readdirSync(dir).find((file) => file.endsWith('.wandb'))
  if (name === undefined) throw new Error(`no .wandb file in ${dir}`)
  const log = readTransactionLog(readFileSync(join(dir, name)))
  if (log.truncated) throw new Error(`${name} is truncated`)
  return log.payloads.map(decodeRecord)
}

/** The history rows of decoded records, as objects. */
export function historyRows(records: readonly WandbRecord[]): Record<string, unknown>[] {
  return records.flatMap((record) =>
    record.kind === 'history'
      ? [
          Object.fromEntries(
            record.history.items.map((item) => [item.key, JSON.parse(item.valueJson ?? 'null')]),
          ),
        ]
      : [],
  )
}

/** Every file under `dir`, read whole, to look for something that must not be there. */
export function allFileContents(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n')
}
