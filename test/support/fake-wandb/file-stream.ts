import { HISTORY_FILE, SUMMARY_FILE, isRecord, type FakeRun } from './runs-store.js'

export interface FileChunk {
  offset: number
  content: string[]
}

export type FileStreamResult = { ok: true } | { ok: false; error: string }

/** Applies one file_stream post with W&B's offset semantics: lines land at offset..offset+k-1. */
export function applyFileStream(run: FakeRun, body: unknown): FileStreamResult {
  if (!isRecord(body)) return { ok: false, error: 'file_stream body must be a JSON object' }
  const files = body.files ?? {}
  if (!isRecord(files)) return { ok: false, error: 'file_stream "files" must be an object' }
  const chunks = Object.entries(files).map(([name, chunk]) => [name, chunk] as const)
  for (const [name, chunk] of chunks) {
    if (!isFileChunk(chunk)) {
      return {
        ok: false,
        error: `file_stream chunk for ${name} needs an integer offset ≥ 0 and string lines`,
      }
    }
  }
  if (run.complete)
    run.errors.push(`file_stream post for ${run.path} arrived after it was complete`)
  run.fileStreamPosts++
  for (const [name, chunk] of chunks) placeLines(run, name, chunk as FileChunk)
  if (body.complete === true) run.complete = true
  if (typeof body.exitcode === 'number') run.exitcode = body.exitcode
  return { ok: true }
}

function placeLines(run: FakeRun, name: string, chunk: FileChunk): void {
  const lines = (run.fileLines[name] ??= [])
  const receipts = (run.lineReceipts[name] ??= [])
  if (chunk.offset > lines.length) {
    run.errors.push(
      `${name} of ${run.path}: chunk at offset ${chunk.offset} leaves a gap after line ${lines.length}`,
    )
  }
  chunk.content.forEach((line, i) => {
    lines[chunk.offset + i] = line
    receipts[chunk.offset + i] = (receipts[chunk.offset + i] ?? 0) + 1
    if (name === HISTORY_FILE && !isJsonObject(line)) {
      run.errors.push(`${name} of ${run.path}: line ${chunk.offset + i} is not a JSON object`)
    }
  })
  const last = chunk.content.at(-1)
  if (name === SUMMARY_FILE && last !== undefined) {
    if (isJsonObject(last)) run.summary = JSON.parse(last)
    else run.errors.push(`${name} of ${run.path}: the summary is not a JSON object`)
  }
}

function isFileChunk(value: unknown): value is FileChunk {
  return (
    isRecord(value) &&
    Number.isInteger(value.offset) &&
    (value.offset as number) >= 0 &&
    Array.isArray(value.content) &&
    value.content.every((line) => typeof line === 'string')
  )
}

function isJsonObject(line: string): boolean {
  try {
    return isRecord(JSON.parse(line))
  } catch {
    return false
  }
}
