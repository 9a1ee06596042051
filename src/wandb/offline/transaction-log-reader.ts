import {
  BLOCK_SIZE,
  CHUNK_HEADER_SIZE,
  ChunkType,
  chunkCrc,
  concat,
  FILE_HEADER,
  LOG_VERSION,
} from './transaction-log.js'

/**
 * The record payloads of a `.wandb` file. `truncated` means the file ends inside a record (a
 * writer killed mid-write): `payloads` holds every complete record before `truncatedAt`.
 */
export type TransactionLog =
  | { payloads: Uint8Array[]; truncated: false }
  | { payloads: Uint8Array[]; truncated: true; truncatedAt: number }

/** Where a scan stopped before the end of the file. */
export interface LogStop {
  /** `cut`: the file ends inside a record; `corrupt`: a chunk fails one of its checks. */
  readonly kind: 'cut' | 'corrupt'
  /** The chunk where the problem is (for a cut, where the bytes ran out). */
  readonly at: number
  /** Where the first record that could not be read starts: nothing from here on was read. */
  readonly recordStart: number
  /** What is wrong, as a clause: `the chunk at byte 7 fails its CRC check`. */
  readonly problem: string
}

/** The payloads read in order, and where reading stopped if the file did not end cleanly. */
export interface LogScan {
  readonly payloads: Uint8Array[]
  /** Where the bytes after the last whole record start: a later scan of a growing file goes on from here. */
  readonly end: number
  readonly stop?: LogStop
}

/** A damaged or foreign file: `offset` is the byte where the problem starts. */
export class TransactionLogError extends Error {
  override name = 'TransactionLogError'

  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message)
  }
}

interface Pending {
  readonly start: number
  readonly parts: Uint8Array[]
}

type Chunk =
  | { kind: 'ok'; type: number; data: Uint8Array; end: number }
  | { kind: 'cut' }
  | { kind: 'corrupt'; problem: string }

/** Reads a `.wandb` file, checking every chunk's CRC and rejoining records split across blocks. */
export function readTransactionLog(bytes: Uint8Array): TransactionLog {
  if (!hasWholeHeader(bytes)) return { payloads: [], truncated: true, truncatedAt: 0 }
  const { payloads, stop } = scanTransactionLog(bytes)
  if (stop === undefined) return { payloads, truncated: false }
  if (stop.kind === 'corrupt') {
    throw new TransactionLogError(`the W&B transaction log is corrupt: ${stop.problem}`, stop.at)
  }
  return { payloads, truncated: true, truncatedAt: stop.recordStart }
}

/**
 * True when the file starts with a whole `.wandb` header, false when it ends inside one; a file
 * with a foreign header or another format version throws a TransactionLogError.
 */
export function hasWholeHeader(bytes: Uint8Array): boolean {
  if (bytes.length < FILE_HEADER.length) {
    if (!isPrefixOfHeader(bytes)) throw notALog()
    return false
  }
  checkFileHeader(bytes)
  return true
}

/**
 * Reads records until the end of the file or the first problem, which is returned, not thrown.
 * From `resyncAt` (a block boundary past a problem) it first skips the rest of a record begun
 * before it, as LevelDB's reader recovers.
 */
export function scanTransactionLog(bytes: Uint8Array, resyncAt?: number): LogScan {
  const payloads: Uint8Array[] = []
  let pending: Pending | undefined
  let resyncing = resyncAt !== undefined
  let pos = resyncAt ?? FILE_HEADER.length
  while (pos < bytes.length) {
    const space = BLOCK_SIZE - (pos % BLOCK_SIZE)
    if (space < CHUNK_HEADER_SIZE) {
      pos += space
      continue
    }
    const chunk = readChunk(bytes, pos, space)
    const recordStart = pending?.start ?? pos
    if (chunk.kind === 'cut') return stopped(payloads, cutAt(pos, recordStart))
    if (chunk.kind === 'corrupt') return stopped(payloads, corruptAt(pos, recordStart, chunk))
    resyncing &&= chunk.type === ChunkType.MIDDLE || chunk.type === ChunkType.LAST
    if (!resyncing) {
      const joined = joinChunk(chunk.type, chunk.data, pos, pending, payloads)
      if ('problem' in joined) return stopped(payloads, corruptAt(pos, recordStart, joined))
      pending = joined.pending
    }
    pos = chunk.end
  }
  if (pending) return stopped(payloads, cutAt(bytes.length, pending.start))
  return { payloads, end: Math.min(pos, bytes.length) }
}

function stopped(payloads: Uint8Array[], stop: LogStop): LogScan {
  return { payloads, end: stop.recordStart, stop }
}

function readChunk(bytes: Uint8Array, pos: number, space: number): Chunk {
  const dataStart = pos + CHUNK_HEADER_SIZE
  if (dataStart > bytes.length) return { kind: 'cut' }
  const view = new DataView(bytes.buffer, bytes.byteOffset + pos, CHUNK_HEADER_SIZE)
  const length = view.getUint16(4, true)
  const type = view.getUint8(6)
  if (CHUNK_HEADER_SIZE + length > space) {
    return {
      kind: 'corrupt',
      problem: `the chunk at byte ${pos} claims ${length} bytes, more than its block holds`,
    }
  }
  if (dataStart + length > bytes.length) return { kind: 'cut' }
  const data = bytes.subarray(dataStart, dataStart + length)
  if (chunkCrc(type, data) !== view.getUint32(0, true)) {
    return { kind: 'corrupt', problem: `the chunk at byte ${pos} fails its CRC check` }
  }
  return { kind: 'ok', type, data, end: dataStart + length }
}

function joinChunk(
  type: number,
  data: Uint8Array,
  pos: number,
  pending: Pending | undefined,
  payloads: Uint8Array[],
): { pending: Pending | undefined } | { problem: string } {
  const startsRecord = type === ChunkType.FULL || type === ChunkType.FIRST
  const continuesRecord = type === ChunkType.MIDDLE || type === ChunkType.LAST
  if (!startsRecord && !continuesRecord) return outOfSequence(`has unknown type ${type}`, pos)
  if (startsRecord && pending) {
    return outOfSequence(
      `starts a record while the one at byte ${pending.start} is unfinished`,
      pos,
    )
  }
  if (continuesRecord && !pending)
    return outOfSequence('continues a record that never started', pos)
  if (type === ChunkType.FULL) payloads.push(data)
  if (type === ChunkType.FIRST) return { pending: { start: pos, parts: [data] } }
  if (!pending) return { pending: undefined }
  pending.parts.push(data)
  if (type === ChunkType.MIDDLE) return { pending }
  payloads.push(concat(pending.parts))
  return { pending: undefined }
}

function checkFileHeader(bytes: Uint8Array): void {
  if (!isPrefixOfHeader(bytes.subarray(0, FILE_HEADER.length - 1))) throw notALog()
  const version = bytes[FILE_HEADER.length - 1]
  if (version !== LOG_VERSION) {
    throw new TransactionLogError(
      `the W&B transaction log has format version ${version}; only version ${LOG_VERSION} is supported`,
      FILE_HEADER.length - 1,
    )
  }
}

function isPrefixOfHeader(bytes: Uint8Array): boolean {
  return bytes.every((byte, i) => byte === FILE_HEADER[i])
}

function notALog(): TransactionLogError {
  return new TransactionLogError(
    'the file is not a W&B transaction log: it does not start with the ":W&B" header',
    0,
  )
}

function outOfSequence(problem: string, pos: number): { problem: string } {
  return { problem: `the chunk at byte ${pos} ${problem}` }
}

function cutAt(at: number, recordStart: number): LogStop {
  return {
    kind: 'cut',
    at,
    recordStart,
    problem: `the file ends inside the record at byte ${recordStart}`,
  }
}

function corruptAt(at: number, recordStart: number, { problem }: { problem: string }): LogStop {
  return { kind: 'corrupt', at, recordStart, problem }
}
