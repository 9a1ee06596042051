import { describe, expect, it } from 'vitest'
import { ProtobufDecodeError, ProtoWriter } from '../../../src/wandb/offline/protobuf.js'
import { decodeRecord } from '../../../src/wandb/offline/record-decoder.js'
import { encodeRecord } from '../../../src/wandb/offline/record-encoder.js'

const bytes = (...values: number[]) => Uint8Array.from(values)

describe('encodeRecord and decodeRecord', () => {
  it('returns record types it does not model as unknown, and writes them back unchanged', () => {
    const telemetry = new ProtoWriter().string(4, '3.11').finish()
    const payload = new ProtoWriter().varint(1, 5).bytes(11, telemetry).finish()
    const record = decodeRecord(payload)
    expect(record).toEqual({ num: 5, kind: 'unknown', field: 11, bytes: telemetry })
    expect(encodeRecord(record)).toEqual(payload)
  })

  it('reads a record with no body as unknown field 0', () => {
    expect(decodeRecord(bytes(0x08, 0x03))).toEqual({
      num: 3,
      kind: 'unknown',
      field: 0,
      bytes: new Uint8Array(),
    })
  })

  it('skips control, uuid, scalar and unknown fields around and inside a modelled record', () => {
    const run = new ProtoWriter()
      .string(1, 'r1')
      .fixed32(98, 1)
      .string(99, 'future field')
      .string(3, 'proj')
      .finish()
    const payload = new ProtoWriter()
      .varint(1, 2)
      .message(16, (m) => m.varint(1, 1))
      .varint(300, 1)
      .bytes(17, run)
      .string(19, 'uuid')
      .finish()
    expect(decodeRecord(payload)).toEqual({
      num: 2,
      kind: 'run',
      run: { runId: 'r1', project: 'proj' },
    })
  })

  it('writes only the fields that differ from proto3 defaults, sub-messages always', () => {
    expect(encodeRecord({ num: 0, kind: 'exit', exit: { exitCode: 0, runtime: 0 } })).toEqual(
      bytes(0x92, 0x01, 0x00),
    )
    expect(
      encodeRecord({ num: 1, kind: 'history', history: { items: [], step: { num: 0 } } }),
    ).toEqual(bytes(0x08, 0x01, 0x12, 0x02, 0x12, 0x00))
    expect(encodeRecord({ num: 1, kind: 'summary', summary: { update: [] } })).toEqual(
      bytes(0x08, 0x01, 0x1a, 0x00),
    )
  })

  it('reads absent numbers, policies and steps as their proto3 defaults', () => {
    expect(decodeRecord(bytes(0x92, 0x01, 0x00))).toEqual({
      num: 0,
      kind: 'exit',
      exit: { exitCode: 0, runtime: 0 },
    })
    const files = new ProtoWriter()
      .message(6, (f) => f.message(1, (i) => i.string(1, 'a')))
      .finish()
    expect(decodeRecord(files)).toEqual({
      num: 0,
      kind: 'files',
      files: { files: [{ path: 'a', policy: 'NOW' }] },
    })
    expect(decodeRecord(bytes(0x12, 0x02, 0x12, 0x00))).toMatchObject({
      history: { items: [], step: { num: 0 } },
    })
  })

  it('round-trips a negative exit code through its ten-byte varint', () => {
    const payload = encodeRecord({ num: 1, kind: 'exit', exit: { exitCode: -1, runtime: 3 } })
    expect(payload.length).toBe(2 + 3 + 11 + 2)
    expect(decodeRecord(payload)).toMatchObject({ exit: { exitCode: -1, runtime: 3 } })
  })

  it('refuses a file policy outside NOW, END and LIVE, and a mistyped field', () => {
    const badPolicy = new ProtoWriter()
      .message(6, (f) => f.message(1, (i) => i.string(1, 'a').varint(2, 7)))
      .finish()
    expect(() => decodeRecord(badPolicy)).toThrow(/unknown file policy 7/)
    const mistyped = new ProtoWriter().message(17, (r) => r.varint(1, 5)).finish()
    expect(() => decodeRecord(mistyped)).toThrow(ProtobufDecodeError)
    expect(() => decodeRecord(mistyped)).toThrow(/field 1 has wire type 0/)
  })
})
