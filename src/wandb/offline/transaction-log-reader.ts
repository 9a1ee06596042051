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

/** Reads a `.wandb` file, checking every chunk's CRC and rejoining records split across blocks. */
export function readTransactionLog(bytes: Uint8Array): TransactionLog {
  if (bytes.length < FILE_HEADER.length) {
    if (!isPrefixOfHeader(bytes)) throw notALog()
    return { payloads: [], truncated: true, truncatedAt: 0 }
  }
  checkFileHeader(bytes)
  const payloads: Uint8Array[] = []
  let pending: { start: number; parts: Uint8Array[] } | undefined
  let pos = FILE_HEADER.length
  while (pos < bytes.length) {
    const space = BLOCK_SIZE - (pos % BLOCK_SIZE)
    if (space < CHUNK_HEADER_SIZE) {
      pos += space
      continue
    }
    const dataStart = pos + CHUNK_HEADER_SIZE
    if (dataStart > bytes.length) return truncatedAt(payloads, pending?.start ?? pos)
    const view = new DataView(bytes.buffer, bytes.byteOffset + pos, CHUNK_HEADER_SIZE)
    const length = view.getUint16(4, true)
    const type = view.getUint8(6)
    if (CHUNK_HEADER_SIZE + length > space) {
      throw new TransactionLogError(
        `the chunk at byte ${pos} of the W&B transaction log claims ${length} bytes, more than its block holds; the file is corrupt`,
        pos,
      )
    }
    if (dataStart + length > bytes.length) return truncatedAt(payloads, pending?.start ?? pos)
    const data = bytes.subarray(dataStart, dataStart + length)
    if (chunkCrc(type, data) !== view.getUint32(0, true)) {
      throw new TransactionLogError(
        `the chunk at byte ${pos} of the W&B transaction log fails its CRC check; the file is corrupt`,
        pos,
      )
    }
    pending = joinChunk(type, data, pos, pending, payloads)
    pos = dataStart + length
  }
  return pending ? truncatedAt(payloads, pending.start) : { payloads, truncated: false }
}

function joinChunk(
  type: number,
  data: Uint8Array,
  pos: number,
  pending: { start: number; parts: Uint8Array[] } | undefined,
  payloads: Uint8Array[],
): { start: number; parts: Uint8Array[] } | undefined {
  const startsRecord = type === ChunkType.FULL || type === ChunkType.FIRST
  const continuesRecord = type === ChunkType.MIDDLE || type === ChunkType.LAST
  if (!startsRecord && !continuesRecord) throw sequenceError(`has unknown type ${type}`, pos)
  if (startsRecord && pending) {
    throw sequenceError(`starts a record while the one at byte ${pending.start} is unfinished`, pos)
  }
  if (continuesRecord && !pending) throw sequenceError('continues a record that never started', pos)
  if (type === ChunkType.FULL) payloads.push(data)
  if (type === ChunkType.FIRST) return { start: pos, parts: [data] }
  if (!pending) return undefined
  pending.parts.push(data)
  if (type === ChunkType.MIDDLE) return pending
  payloads.push(concat(pending.parts))
  return undefined
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

function sequenceError(problem: string, pos: number): TransactionLogError {
  return new TransactionLogError(
    `the chunk at byte ${pos} of the W&B transaction log ${problem}; the file is corrupt`,
    pos,
  )
}

function truncatedAt(payloads: Uint8Array[], offset: number): TransactionLog {
  return { payloads, truncated: true, truncatedAt: offset }
}
