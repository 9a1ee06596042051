import { describe, expect, it } from 'vitest'
import {
  ProtobufDecodeError,
  ProtoWriter,
  readFields,
  toInt32,
  toSafeInteger,
  toText,
  WireType,
} from '../../../src/wandb/offline/protobuf.js'

const bytes = (...values: number[]) => Uint8Array.from(values)

describe('ProtoWriter', () => {
  it('writes varints in base-128 little-endian groups behind a field tag', () => {
    expect(new ProtoWriter().varint(1, 1).finish()).toEqual(bytes(0x08, 0x01))
    expect(new ProtoWriter().varint(1, 300).finish()).toEqual(bytes(0x08, 0xac, 0x02))
    expect(new ProtoWriter().varint(16, 0).finish()).toEqual(bytes(0x80, 0x01, 0x00))
    expect(new ProtoWriter().varint(1, 2 ** 53 - 1).finish()).toEqual(
      bytes(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f),
    )
  })

  it('writes a negative int32 as its ten-byte two’s complement varint', () => {
    expect(new ProtoWriter().varint(1, -1).finish()).toEqual(
      bytes(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01),
    )
  })

  it('writes strings as UTF-8 and nested messages length-delimited', () => {
    expect(new ProtoWriter().string(2, 'é').finish()).toEqual(bytes(0x12, 0x02, 0xc3, 0xa9))
    const nested = new ProtoWriter().message(21, (m) => m.string(1, 'a')).finish()
    expect(nested).toEqual(bytes(0xaa, 0x01, 0x03, 0x0a, 0x01, 0x61))
    expect(new ProtoWriter().message(20, () => {}).finish()).toEqual(bytes(0xa2, 0x01, 0x00))
  })

  it('leaves proto3 defaults out of optional fields', () => {
    const writer = new ProtoWriter()
      .optionalString(1, '')
      .optionalString(2, undefined)
      .optionalVarint(3, 0)
      .optionalVarint(4, false)
      .optionalVarint(5, undefined)
    expect(writer.finish()).toEqual(new Uint8Array())
    expect(new ProtoWriter().optionalVarint(9, true).optionalString(1, 'x').finish()).toEqual(
      bytes(0x48, 0x01, 0x0a, 0x01, 0x78),
    )
  })

  it('grows its buffer for payloads far beyond its initial size', () => {
    const big = new Uint8Array(100_000).fill(7)
    const out = new ProtoWriter().bytes(1, big).varint(2, 5).finish()
    expect(out.length).toBe(1 + 3 + 100_000 + 2)
    expect(readFields(out).map((f) => f.field)).toEqual([1, 2])
  })
})

describe('readFields', () => {
  it('walks every field with its number, wire type and value, unknown ones included', () => {
    const message = new ProtoWriter()
      .varint(1, 300)
      .fixed64(3, 2n ** 63n + 5n)
      .string(99, 'x')
      .fixed32(200, 0xdeadbeef)
      .varint(1, 7)
      .finish()
    expect(readFields(message)).toEqual([
      { field: 1, wireType: WireType.VARINT, value: 300n },
      { field: 3, wireType: WireType.FIXED64, value: 2n ** 63n + 5n },
      { field: 99, wireType: WireType.LENGTH_DELIMITED, value: bytes(0x78) },
      { field: 200, wireType: WireType.FIXED32, value: 0xdeadbeef },
      { field: 1, wireType: WireType.VARINT, value: 7n },
    ])
  })

  it('reads varints back into int32 and safe int64 numbers', () => {
    const [negative, big] = readFields(
      new ProtoWriter()
        .varint(1, -2)
        .varint(2, 2 ** 40)
        .finish(),
    )
    expect(toInt32(negative?.value as bigint)).toBe(-2)
    expect(toSafeInteger(negative?.value as bigint)).toBe(-2)
    expect(toSafeInteger(big?.value as bigint)).toBe(2 ** 40)
    expect(() => toSafeInteger(2n ** 53n)).toThrow(/outside the safe integer range/)
  })

  it('refuses malformed messages with a ProtobufDecodeError', () => {
    expect(() => readFields(bytes(0x08, 0x80))).toThrow(ProtobufDecodeError)
    expect(() => readFields(bytes(0x08, 0x80))).toThrow(/unterminated varint/)
    expect(() => readFields(bytes(0x0a, 0x05, 0x61))).toThrow(/runs past the message end/)
    expect(() => readFields(bytes(0x0b))).toThrow(/unsupported wire type 3/)
    expect(() => readFields(bytes(0x00, 0x00))).toThrow(/field number 0/)
    expect(() => readFields(bytes(0x0d, 0x01))).toThrow(/cut short/)
  })

  it('decodes strings as strict UTF-8', () => {
    expect(toText(bytes(0xc3, 0xa9))).toBe('é')
    expect(() => toText(bytes(0xc3))).toThrow()
  })
})
