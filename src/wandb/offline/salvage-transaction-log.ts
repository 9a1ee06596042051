import { hasWholeHeader, scanTransactionLog } from './transaction-log-reader.js'
import { BLOCK_SIZE } from './transaction-log.js'

/** What a damaged or cut `.wandb` file lost: every byte from `fromByte` to its end. */
export interface LogLoss {
  /** `cut`: the file ends inside a record; `corrupt`: a chunk fails its checks. */
  readonly kind: 'cut' | 'corrupt'
  /** What is wrong, as a clause: `the chunk at byte 7 fails its CRC check`. */
  readonly problem: string
  readonly fromByte: number
  readonly lostBytes: number
  /** Whole records found past the damage by skipping to the next block; never any for a cut. */
  readonly recordsAfter: number
}

/** The records a `.wandb` file holds up to its first damage, and what was lost after it. */
export interface SalvagedLog {
  readonly payloads: Uint8Array[]
  readonly loss: LogLoss | undefined
}

/**
 * Reads every record up to the last good one, as W&B's own sync stops at the first bad read; a
 * file that is not a `.wandb` log at all still throws a TransactionLogError.
 */
export function salvageTransactionLog(bytes: Uint8Array): SalvagedLog {
  if (!hasWholeHeader(bytes)) {
    const problem = 'the file ends inside its header'
    return { payloads: [], loss: lossFrom(bytes, 'cut', problem, 0, 0) }
  }
  const { payloads, stop } = scanTransactionLog(bytes)
  if (stop === undefined) return { payloads, loss: undefined }
  const after = stop.kind === 'corrupt' ? countRecordsAfter(bytes, stop.at) : 0
  return { payloads, loss: lossFrom(bytes, stop.kind, stop.problem, stop.recordStart, after) }
}

function lossFrom(
  bytes: Uint8Array,
  kind: LogLoss['kind'],
  problem: string,
  fromByte: number,
  recordsAfter: number,
): LogLoss {
  return { kind, problem, fromByte, lostBytes: bytes.length - fromByte, recordsAfter }
}

/** Counts the whole records past `at`, resuming at each next block as LevelDB's reader recovers. */
function countRecordsAfter(bytes: Uint8Array, at: number): number {
  let count = 0
  let from = nextBlock(at)
  while (from < bytes.length) {
    const { payloads, stop } = scanTransactionLog(bytes, from)
    count += payloads.length
    if (stop?.kind !== 'corrupt') break
    from = nextBlock(stop.at)
  }
  return count
}

function nextBlock(offset: number): number {
  return (Math.floor(offset / BLOCK_SIZE) + 1) * BLOCK_SIZE
}
