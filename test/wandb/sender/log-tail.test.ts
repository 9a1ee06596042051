import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { OfflineRunWriter } from '../../../src/wandb/offline-run-writer.js'
import type { WandbRecord } from '../../../src/wandb/offline/records.js'
import { runDescription } from './support/run-description.js'
import { LogTail, MAX_READ_BYTES } from '../../../src/wandb/sender/log-tail.js'
import { BLOCK_SIZE } from '../../../src/wandb/offline/transaction-log.js'

/** A finished log whose rows are `sizes` characters long: big ones span several 32 KB blocks. */
function logBytes(sizes: readonly number[]): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'log-tail-'))
  const writer = OfflineRunWriter.create(dir, runDescription('tail', 'tail'), 'test')
  sizes.forEach((size, step) => writer.history({ text: 'x'.repeat(size), _step: step }))
  writer.finish(0, 1)
  return readFileSync(join(dir, 'run-tail.wandb'))
}

function steps(records: readonly WandbRecord[]): number[] {
  return records.flatMap((record) =>
    record.kind === 'history' ? [record.history.step?.num ?? -1] : [],
  )
}

function readAll(tail: LogTail): WandbRecord[] {
  const read = tail.read()
  if (!read.ok) throw new Error(read.reason)
  return read.value
}

describe('LogTail', () => {
  it('returns every record once, in order, however the file grows between reads and whatever it may read at once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 * BLOCK_SIZE }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
        fc.constantFrom(64, 1_000, 40_000, MAX_READ_BYTES),
        (sizes, cutFractions, maxReadBytes) => {
          const bytes = logBytes(sizes)
          const cuts = [...new Set(cutFractions.map((f) => Math.floor(f * bytes.length)))].sort(
            (a, b) => a - b,
          )
          const path = join(mkdtempSync(join(tmpdir(), 'log-tail-copy-')), 'run-tail.wandb')
          writeFileSync(path, new Uint8Array())
          const tail = new LogTail(path, maxReadBytes)
          const seen: WandbRecord[] = []
          let written = 0
          for (const cut of [...cuts, bytes.length]) {
            appendFileSync(path, bytes.subarray(written, cut))
            written = Math.max(written, cut)
            // A sender reads until a read brings nothing new.
            for (let read = readAll(tail); read.length > 0; read = readAll(tail)) seen.push(...read)
          }
          expect(steps(seen)).toEqual(sizes.map((_, step) => step))
          expect(seen.map((record) => record.kind)).toEqual([
            'header',
            'run',
            ...sizes.map(() => 'history'),
            'exit',
            'final',
          ])
        },
      ),
      { numRuns: 60 },
    )
  })

  it('catches up in reads of about the limit, and still reads a record longer than it', () => {
    const bytes = logBytes([...new Array<number>(60).fill(2_000), 100_000, 10])
    const path = join(mkdtempSync(join(tmpdir(), 'log-tail-limit-')), 'run-tail.wandb')
    writeFileSync(path, bytes)
    const tail = new LogTail(path, 10_000)
    const reads: number[] = []
    const seen: WandbRecord[] = []
    for (let read = readAll(tail); read.length > 0; read = readAll(tail)) {
      reads.push(read.length)
      seen.push(...read)
    }
    expect(reads.length).toBeGreaterThan(5)
    expect(Math.max(...reads.slice(0, -2))).toBeLessThanOrEqual(10_000 / 2_000 + 1)
    expect(steps(seen)).toEqual(Array.from({ length: 62 }, (_, step) => step))
  })

  it('stops with the place of the damage when a record fails its check', () => {
    const bytes = logBytes([10, 10, 10])
    const damaged = bytes.length - 20
    bytes[damaged] = (bytes[damaged] ?? 0) ^ 0xff
    const path = join(mkdtempSync(join(tmpdir(), 'log-tail-bad-')), 'run-tail.wandb')
    writeFileSync(path, bytes)
    const read = new LogTail(path).read()
    expect(read).toEqual({
      ok: false,
      reason: expect.stringMatching(
        /^the run's log .*run-tail\.wandb is damaged: the chunk at byte \d+ fails its CRC check$/,
      ),
    })
  })

  it('says which file cannot be read', () => {
    const read = new LogTail('/nonexistent/run-x.wandb').read()
    expect(read).toMatchObject({
      ok: false,
      reason: expect.stringContaining('/nonexistent/run-x.wandb cannot be read'),
    })
  })
})
