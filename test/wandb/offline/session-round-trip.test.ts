import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeRecord } from '../../../src/wandb/offline/record-decoder.js'
import { encodeRecord } from '../../../src/wandb/offline/record-encoder.js'
import type { JsonItem, WandbRecord } from '../../../src/wandb/offline/records.js'
import { readTransactionLog } from '../../../src/wandb/offline/transaction-log-reader.js'
import { TransactionLogWriter } from '../../../src/wandb/offline/transaction-log-writer.js'
import { BLOCK_SIZE, ChunkType } from '../../../src/wandb/offline/transaction-log.js'
import { chunksOf } from './support/chunks.js'

const START_S = 1_700_000_000

function historyRow(num: number, step: number, values: JsonItem[]): WandbRecord {
  return {
    num,
    kind: 'history',
    history: {
      items: [
        ...values,
        { key: '_step', valueJson: String(step) },
        { key: '_runtime', valueJson: String(step * 0.25) },
        { key: '_timestamp', valueJson: String(START_S + step * 0.25) },
      ],
      step: { num: step },
    },
  }
}

const SESSION: WandbRecord[] = [
  {
    num: 1,
    kind: 'header',
    header: { versionInfo: { producer: 'vitest-wandb 0.1.0', minConsumer: '0.40.0' } },
  },
  {
    num: 2,
    kind: 'run',
    run: {
      runId: 'abc123xy',
      entity: 'team',
      project: 'evals',
      config: { update: [{ key: 'model', valueJson: '{"value": "gpt-4o"}' }] },
      runGroup: 'ci-77',
      jobType: 'vitest',
      displayName: 'main · 3f2a1b0',
      notes: 'llm suite, 12 tests',
      tags: ['ci', 'llm'],
      host: 'runner-3',
      startTime: { seconds: START_S, nanos: 125_000_000 },
      git: { remoteUrl: 'https://github.com/acme/app.git', commit: '3f2a1b0c' },
    },
  },
  historyRow(3, 0, [{ key: 'trace', valueJson: '{"_type": "wb_trace_tree"}' }]),
  historyRow(4, 1, [
    { key: 'tokens', valueJson: '1234' },
    { key: 'label', valueJson: '"é ✓ 漢"' },
  ]),
  historyRow(5, 2, [{ key: 'nested', nestedKey: ['a', 'b'], valueJson: '3' }]),
  {
    num: 6,
    kind: 'summary',
    summary: { update: [{ key: 'passed', valueJson: '11' }], remove: [{ key: 'stale' }] },
  },
  { num: 7, kind: 'config', config: { update: [{ key: 'shard', valueJson: '"1/2"' }] } },
  {
    num: 8,
    kind: 'files',
    files: {
      files: [
        { path: 'wandb-metadata.json', policy: 'NOW' },
        { path: 'session.jsonl', policy: 'END' },
        { path: 'output.log', policy: 'LIVE', type: 1 },
      ],
    },
  },
  {
    num: 9,
    kind: 'artifact',
    artifact: {
      runId: 'abc123xy',
      project: 'evals',
      entity: 'team',
      type: 'vitest-session',
      name: 'session-abc123xy',
      digest: 'd1d5413d42a3ae0575d3965d8757cd37',
      description: 'the session file',
      metadata: '{"tests": 12}',
      userCreated: true,
      useAfterCommit: true,
      aliases: ['latest', 'main'],
      manifest: {
        version: 1,
        storagePolicy: 'wandb-storage-policy-v1',
        storagePolicyConfig: [{ key: 'storageLayout', valueJson: '"V2"' }],
        contents: [
          {
            path: 'session.jsonl',
            digest: 'n5+Q2+Pl7hIYyGuIOdsZlQ==',
            size: 6,
            localPath: 'tmp/a',
          },
          { path: 'remote.bin', ref: 's3://bucket/remote.bin', size: 0 },
        ],
      },
      finalize: true,
      clientId: 'c'.repeat(32),
      sequenceClientId: 's'.repeat(32),
    },
  },
  { num: 10, kind: 'exit', exit: { exitCode: 1, runtime: 42 } },
  { num: 11, kind: 'final', final: {} },
  { num: 12, kind: 'footer', footer: {} },
]

function writeLog(records: WandbRecord[]): { path: string; bytes: Uint8Array } {
  const path = join(mkdtempSync(join(tmpdir(), 'wandb-session-')), 'run-abc123xy.wandb')
  const writer = TransactionLogWriter.create(path)
  for (const record of records) writer.append(encodeRecord(record))
  writer.close()
  return { path, bytes: new Uint8Array(readFileSync(path)) }
}

describe('an offline session written and read back', () => {
  it('decodes every record equal to what was written', () => {
    const { bytes } = writeLog(SESSION)
    const log = readTransactionLog(bytes)
    expect(log.truncated).toBe(false)
    expect(log.payloads.map(decodeRecord)).toEqual(SESSION)
    expect(chunksOf(bytes).every((c) => c.type === ChunkType.FULL)).toBe(true)
  })

  it('keeps negative exit codes and large int64 values', () => {
    const records: WandbRecord[] = [
      { num: 2 ** 40, kind: 'exit', exit: { exitCode: -1, runtime: 2 ** 31 - 1 } },
      historyRow(1, Number.MAX_SAFE_INTEGER, []),
    ]
    const decoded = readTransactionLog(writeLog(records).bytes).payloads.map(decodeRecord)
    expect(decoded).toEqual(records)
  })

  it.each([
    { size: 40_000, types: [ChunkType.FIRST, ChunkType.LAST] },
    { size: 120_000, types: [ChunkType.FIRST, ChunkType.MIDDLE, ChunkType.MIDDLE, ChunkType.LAST] },
  ])(
    'splits a $size-byte history value into $types.length chunks and rejoins it',
    ({ size, types }) => {
      const big = historyRow(3, 0, [{ key: 'big', valueJson: JSON.stringify('y'.repeat(size)) }])
      const records = [SESSION[0], SESSION[1], big, SESSION[9]] as WandbRecord[]
      const { bytes } = writeLog(records)
      const chunks = chunksOf(bytes)
      expect(chunks.map((c) => c.type)).toEqual([
        ChunkType.FULL,
        ChunkType.FULL,
        ...types,
        ChunkType.FULL,
      ])
      expect(chunks.slice(3, 2 + types.length).every((c) => c.offset % BLOCK_SIZE === 0)).toBe(true)
      const log = readTransactionLog(bytes)
      expect(log.payloads[2]?.length).toBe(encodeRecord(big).length)
      expect(log.payloads.map(decodeRecord)).toEqual(records)
    },
  )
})
