import { describe, expect, it } from 'vitest'
import { ProtoWriter, readFields } from '../../../src/wandb/offline/protobuf.js'
import type { ProtoField } from '../../../src/wandb/offline/protobuf.js'
import { decodeRecord } from '../../../src/wandb/offline/record-decoder.js'
import { encodeRecord } from '../../../src/wandb/offline/record-encoder.js'
import { RecordField, RecordMetadataField } from '../../../src/wandb/offline/record-fields.js'
import { readTransactionLog } from '../../../src/wandb/offline/transaction-log-reader.js'
import { firstDifference } from './support/bytes.js'
import {
  FIXTURE_NAMES,
  FIXTURES_AVAILABLE,
  FIXTURES_NOTE,
  loadFixture,
} from './support/fixtures.js'

/** `RunRecord.telemetry`, read off the upstream fixture; this package does not model it. */
const RUN_TELEMETRY_FIELD = 19

function writeFields(fields: ProtoField[]): Uint8Array {
  const writer = new ProtoWriter()
  for (const f of fields) {
    if (f.wireType === 0) writer.varint(f.field, f.value)
    else if (f.wireType === 1) writer.fixed64(f.field, f.value)
    else if (f.wireType === 2) writer.bytes(f.field, f.value)
    else writer.fixed32(f.field, f.value)
  }
  return writer.finish()
}

/** The payload with the unmodelled fields of a run record (control, uuid, telemetry) removed. */
function modelledPart(payload: Uint8Array): Uint8Array {
  const unmodelled = new Set<number>(Object.values(RecordMetadataField))
  return writeFields(
    readFields(payload)
      .filter((f) => !unmodelled.has(f.field))
      .map((f) =>
        f.field === RecordField.run && f.wireType === 2
          ? {
              ...f,
              value: writeFields(
                readFields(f.value).filter((g) => g.field !== RUN_TELEMETRY_FIELD),
              ),
            }
          : f,
      ),
  )
}

describe.skipIf(!FIXTURES_AVAILABLE)(`re-encoding W&B's records${FIXTURES_NOTE}`, () => {
  it.each(FIXTURE_NAMES)('re-encodes every modelled record of %s to its original bytes', (name) => {
    const fixture = loadFixture(name)
    const { payloads } = readTransactionLog(fixture.bytes)
    let compared = 0
    payloads.forEach((payload, i) => {
      const record = decodeRecord(payload)
      if (record.kind === 'unknown') return
      const text = fixture.records[i]
      const hasUnmodelled = text?.message.has('control') || text?.message.has('uuid')
      const expected = hasUnmodelled ? modelledPart(payload) : payload
      expect(firstDifference(encodeRecord(record), expected), `record #${i}`).toBeUndefined()
      compared++
    })
    expect(compared).toBe(payloads.length - (name === 'upstream-run-g9dvvkua' ? 2 : 0))
  })

  it('writes the upstream run record exactly as W&B did once its unmodelled fields are set aside', () => {
    const fixture = loadFixture('upstream-run-g9dvvkua')
    const payload = readTransactionLog(fixture.bytes).payloads[1] as Uint8Array
    const text = fixture.records[1]?.message
    expect(text?.names()).toEqual(['control', 'run', 'uuid'])
    expect(text?.message('run')?.names()).toContain('telemetry')
    const modelled = modelledPart(payload)
    expect(modelled.length).toBeLessThan(payload.length)
    expect(encodeRecord(decodeRecord(payload))).toEqual(modelled)
  })

  it('writes a record typed by hand byte for byte like the W&B reference run', () => {
    const fixture = loadFixture('reference-run-tsdemo01')
    const { payloads } = readTransactionLog(fixture.bytes)
    const history = encodeRecord({
      num: 4,
      kind: 'history',
      history: {
        items: [
          { key: 'loss', valueJson: '0.5' },
          { key: '_step', valueJson: '1' },
          { key: '_runtime', valueJson: '0.5' },
          { key: '_timestamp', valueJson: '1700000001.0' },
        ],
        step: { num: 1 },
      },
    })
    expect(history).toEqual(payloads[3])
    expect(
      encodeRecord({
        num: 7,
        kind: 'files',
        files: { files: [{ path: 'notes.txt', policy: 'END' }] },
      }),
    ).toEqual(payloads[6])
    expect(encodeRecord({ num: 10, kind: 'exit', exit: { exitCode: 0, runtime: 2 } })).toEqual(
      payloads[9],
    )
    expect(encodeRecord({ num: 11, kind: 'final', final: {} })).toEqual(payloads[10])
  })
})
