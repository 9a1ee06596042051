import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { FileStream } from '../file-stream.js'
import type { RunPath } from '../file-stream.js'
import { GraphqlClient } from '../graphql-client.js'
import type { ApiResult } from '../graphql-client.js'
import { Deadline } from '../http/deadline.js'
import type { JsonItem, RunRecord, WandbRecord } from '../offline/records.js'
import { upsertRun, viewerEntity } from '../run-api.js'
import { uploadRunFile } from '../run-files.js'
import { runUrl } from '../settings.js'
import type { WandbSettings } from '../settings.js'
import { uploadArtifactRecord } from '../artifacts/upload-artifact-record.js'
import { readOfflineRun } from './read-offline-run.js'

export type SyncResult =
  | { readonly kind: 'synced'; readonly url: string; readonly rows: number; readonly files: number }
  | { readonly kind: 'already-synced'; readonly marker: string }
  | { readonly kind: 'failed'; readonly reason: string }

const BATCH_LINES = 200

/**
 * Uploads an offline run with this package's own client, as `wandb sync` would: the run, its
 * artifacts, its history (at offsets, so a second attempt overwrites instead of adding rows), files,
 * summary and exit code;
 * then marks it `run-<id>.wandb.synced`. A run already marked is left alone.
 */
export async function syncOfflineRun(
  dir: string,
  settings: Pick<WandbSettings, 'apiKey' | 'baseUrl' | 'appUrl' | 'entity'>,
  timeoutMs: number,
): Promise<SyncResult> {
  const offline = readOfflineRun(dir)
  const marker = `${offline.logPath}.synced`
  if (existsSync(marker)) return { kind: 'already-synced', marker }
  if (settings.apiKey === undefined) {
    return { kind: 'failed', reason: 'no W&B API key: set WANDB_API_KEY or run `wandb login`' }
  }
  const client = new GraphqlClient(settings.baseUrl, settings.apiKey)
  const deadline = (): Deadline => new Deadline(timeoutMs)
  const created = await createRun(client, offline.run, settings.entity, deadline())
  if (!created.ok) return { kind: 'failed', reason: created.reason }
  const path = created.value
  for (const record of offline.records) {
    if (record.kind !== 'artifact') continue
    const uploaded = await uploadArtifactRecord(client, path, record.artifact, { timeoutMs })
    if (!uploaded.ok) return { kind: 'failed', reason: uploaded.reason }
  }
  const stream = new FileStream(settings.baseUrl, settings.apiKey, path)
  const replayed = await replay(
    offline.records,
    stream,
    (name) => uploadRunFile(client, path, name, readFileSync(join(dir, 'files', name)), deadline()),
    deadline,
  )
  if (!replayed.ok) return { kind: 'failed', reason: replayed.reason }
  writeFileSync(marker, '')
  return {
    kind: 'synced',
    url: runUrl({ appUrl: settings.appUrl, project: path.project, runId: path.runId }, path.entity),
    ...replayed.value,
  }
}

async function createRun(
  client: GraphqlClient,
  run: RunRecord,
  entity: string | undefined,
  deadline: Deadline,
): Promise<ApiResult<RunPath>> {
  const owner = run.entity ?? entity
  const resolved =
    owner === undefined ? await viewerEntity(client, deadline) : { ok: true as const, value: owner }
  if (!resolved.ok) return resolved
  const created = await upsertRun(
    client,
    {
      runId: run.runId ?? '',
      project: run.project ?? 'uncategorized',
      entity: resolved.value,
      displayName: run.displayName,
      group: run.runGroup,
      jobType: run.jobType,
      notes: run.notes,
      tags: run.tags ?? [],
      config: Object.fromEntries(
        (run.config?.update ?? []).map((item) => [item.key ?? '', { value: parseItem(item) }]),
      ),
      commit: run.git?.commit,
      remoteUrl: run.git?.remoteUrl,
      host: run.host ?? hostname(),
    },
    deadline,
  )
  return created.ok
    ? {
        ok: true,
        value: {
          entity: created.value.entity,
          project: created.value.project,
          runId: created.value.runId,
        },
      }
    : created
}

async function replay(
  records: readonly WandbRecord[],
  stream: FileStream,
  uploadFile: (name: string) => Promise<ApiResult<void>>,
  deadline: () => Deadline,
): Promise<ApiResult<{ rows: number; files: number }>> {
  const summary: Record<string, unknown> = {}
  let batch: string[] = []
  let files = 0
  let exitCode = 0
  for (const record of records) {
    if (record.kind === 'history') batch.push(JSON.stringify(itemsObject(record.history.items)))
    if (record.kind === 'summary') Object.assign(summary, itemsObject(record.summary.update))
    if (record.kind === 'exit') exitCode = record.exit.exitCode
    if (record.kind === 'files') {
      for (const file of record.files.files) {
        const uploaded = await uploadFile(file.path ?? '')
        if (!uploaded.ok) return uploaded
        files += 1
      }
    }
    if (batch.length >= BATCH_LINES) {
      const sent = await stream.sendHistory(batch, deadline())
      if (!sent.ok) return sent
      batch = []
    }
  }
  const steps = [
    () => stream.sendHistory(batch, deadline()),
    () => stream.sendSummary(JSON.stringify(summary), deadline()),
    () => stream.complete(exitCode, deadline()),
  ]
  for (const step of steps) {
    const done = await step()
    if (!done.ok) return done
  }
  return { ok: true, value: { rows: stream.sentLines, files } }
}

function itemsObject(items: readonly JsonItem[]): Record<string, unknown> {
  return Object.fromEntries(items.map((item) => [item.key ?? '', parseItem(item)]))
}

function parseItem(item: JsonItem): unknown {
  try {
    return JSON.parse(item.valueJson ?? 'null')
  } catch {
    return item.valueJson ?? null
  }
}
