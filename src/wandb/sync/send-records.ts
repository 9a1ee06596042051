import { uploadArtifactRecord } from '../artifacts/upload-artifact-record.js'
import { transferMs } from '../artifacts/streamed-exchange.js'
import type { FileStream, RunPath } from '../file-stream.js'
import type { ApiResult, GraphqlClient } from '../graphql-client.js'
import type { ArtifactRecord } from '../offline/records.js'
import { uploadRunFile } from '../run-files.js'
import { itemsObject } from './json-items.js'
import type { OfflineRun } from './read-offline-run.js'
import type { ProgressRecord } from './sync-progress.js'
import type { Wait } from './wait-with-notice.js'

const BATCH_LINES = 200
const DONE: ApiResult<void> = { ok: true, value: undefined }

/** A created run and what is needed to send an offline run's records to it. */
export interface RunSender {
  readonly offline: OfflineRun
  readonly client: GraphqlClient
  readonly path: RunPath
  /** Its history offset starts after the rows `progress` says W&B has. */
  readonly stream: FileStream
  readonly progress: ProgressRecord
  readonly wait: Wait
  readonly timeoutMs: number
  readonly readFile: (name: string) => ApiResult<Uint8Array>
  readonly say: (line: string) => void
}

/**
 * Sends what W&B does not have yet, recording each step it confirms: artifacts, history rows in
 * batches, files, the summary, then the end of the run with `exitCode`.
 */
export async function sendRecords(sender: RunSender, exitCode: number): Promise<ApiResult<void>> {
  for (const step of [sendArtifacts, sendHistory, sendFiles, sendSummary]) {
    const done = await step(sender)
    if (!done.ok) return done
  }
  return sender.wait('record the end of the run', sender.timeoutMs, (deadline) =>
    sender.stream.complete(exitCode, deadline),
  )
}

async function sendArtifacts(sender: RunSender): Promise<ApiResult<void>> {
  const { offline, progress, timeoutMs } = sender
  const records = offline.records.flatMap((r) => (r.kind === 'artifact' ? [r.artifact] : []))
  for (const [index, record] of records.entries()) {
    if (index < progress.current.artifacts) continue
    const uploaded = await sender.wait(
      `accept the artifact ${record.name ?? '(unnamed)'}`,
      timeoutMs + transferMs(artifactBytes(record)),
      () =>
        uploadArtifactRecord(sender.client, sender.path, record, { timeoutMs, log: sender.say }),
    )
    if (!uploaded.ok) return uploaded
    progress.advance({ artifacts: index + 1 })
  }
  return DONE
}

async function sendHistory(sender: RunSender): Promise<ApiResult<void>> {
  const { offline, stream, progress, wait, timeoutMs } = sender
  const lines = offline.records.flatMap((r) =>
    r.kind === 'history' ? [JSON.stringify(itemsObject(r.history.items))] : [],
  )
  for (let from = progress.current.rows; from < lines.length; from += BATCH_LINES) {
    const batch = lines.slice(from, from + BATCH_LINES)
    const sent = await wait(`accept rows ${from + 1}–${from + batch.length}`, timeoutMs, (d) =>
      stream.sendHistory(batch, d),
    )
    if (!sent.ok) return sent
    progress.advance({ rows: stream.sentLines })
  }
  return DONE
}

async function sendFiles(sender: RunSender): Promise<ApiResult<void>> {
  const { client, path, progress, timeoutMs } = sender
  for (const [index, name] of runFileNames(sender.offline).entries()) {
    if (index < progress.current.files) continue
    const bytes = sender.readFile(name)
    if (!bytes.ok) return bytes
    const uploaded = await sender.wait(`accept the file ${name}`, timeoutMs, (deadline) =>
      uploadRunFile(client, path, name, bytes.value, deadline),
    )
    if (!uploaded.ok) return uploaded
    progress.advance({ files: index + 1 })
  }
  return DONE
}

async function sendSummary(sender: RunSender): Promise<ApiResult<void>> {
  const { offline, stream, wait, timeoutMs } = sender
  const updates = offline.records.flatMap((r) => (r.kind === 'summary' ? [r.summary.update] : []))
  if (updates.length === 0) return DONE
  const summary = Object.assign({}, ...updates.map(itemsObject)) as Record<string, unknown>
  return wait('accept the summary', timeoutMs, (deadline) =>
    stream.sendSummary(JSON.stringify(summary), deadline),
  )
}

/** The run files the log names, in order. */
export function runFileNames(offline: OfflineRun): string[] {
  return offline.records.flatMap((r) =>
    r.kind === 'files' ? r.files.files.map((file) => file.path ?? '') : [],
  )
}

function artifactBytes(record: ArtifactRecord): number {
  return (record.manifest?.contents ?? []).reduce((sum, entry) => sum + (entry.size ?? 0), 0)
}
