/** Protobuf wire types (proto3 encoding); groups (3, 4) are deprecated and not supported. */
export const WireType = { VARINT: 0, FIXED64: 1, LENGTH_DELIMITED: 2, FIXED32: 5 } as const

export type ProtoField =
  | { field: number; wireType: typeof WireType.VARINT; value: bigint }
  | { field: number; wireType: typeof WireType.FIXED64; value: bigint }
  | { field: number; wireType: typeof WireType.LENGTH_DELIMITED; value: Uint8Array }
  | { field: number; wireType: typeof WireType.FIXED32; value: number }

export class ProtobufDecodeError extends Error {
  override name = 'ProtobufDecodeError'
}

/** Walks the fields of one protobuf message in wire order, unknown fields included. */
export function readFields(bytes: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = []
  let pos = 0
  while (pos < bytes.length) {
    const tag = readVarint(bytes, pos)
    pos = tag.next
    const field = Number(tag.value >> 3n)
    const wireType = Number(tag.value & 7n)
    if (field === 0) throw new ProtobufDecodeError(`field number 0 at byte ${pos - 1}`)
    if (wireType === WireType.VARINT) {
      const value = readVarint(bytes, pos)
      fields.push({ field, wireType, value: value.value })
      pos = value.next
    } else if (wireType === WireType.LENGTH_DELIMITED) {
      const length = readVarint(bytes, pos)
      const end = length.next + Number(length.value)
      if (end > bytes.length)
        throw new ProtobufDecodeError(`field ${field} runs past the message end`)
      fields.push({ field, wireType, value: bytes.subarray(length.next, end) })
      pos = end
    } else if (wireType === WireType.FIXED64 || wireType === WireType.FIXED32) {
      const size = wireType === WireType.FIXED64 ? 8 : 4
      if (pos + size > bytes.length) throw new ProtobufDecodeError(`field ${field} is cut short`)
      const view = new DataView(bytes.buffer, bytes.byteOffset + pos, size)
      fields.push(
        wireType === WireType.FIXED64
          ? { field, wireType, value: view.getBigUint64(0, true) }
          : { field, wireType, value: view.getUint32(0, true) },
      )
      pos += size
    } else {
      throw new ProtobufDecodeError(`unsupported wire type ${wireType} for field ${field}`)
    }
  }
  return fields
}

function readVarint(bytes: Uint8Array, start: number): { value: bigint; next: number } {
  let value = 0n
  for (let pos = start, shift = 0n; pos < bytes.length && shift < 70n; pos++, shift += 7n) {
    const byte = bytes[pos] as number
    value |= BigInt(byte & 0x7f) << shift
    if (byte < 0x80) return { value: BigInt.asUintN(64, value), next: pos + 1 }
  }
  throw new ProtobufDecodeError(`unterminated varint at byte ${start}`)
}

/** An int64 varint as a number; values outside the safe integer range are refused, not rounded. */
export function toSafeInteger(value: bigint): number {
  const signed = BigInt.asIntN(64, value)
  if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new ProtobufDecodeError(`int64 value ${signed} is outside the safe integer range`)
  }
  return Number(signed)
}

export function toInt32(value: bigint): number {
  return Number(BigInt.asIntN(32, value))
}

const textDecoder = new TextDecoder('utf-8', { fatal: true })
const textEncoder = new TextEncoder()

export function toText(bytes: Uint8Array): string {
  return textDecoder.decode(bytes)
}

/** Appends proto3 fields; callers write fields in field-number order, as protobuf serializers do. */
export class ProtoWriter {
  private buffer = new Uint8Array(64)
  private length = 0

  varint(field: number, value: number | bigint): this {
    this.tag(field, WireType.VARINT)
    this.rawVarint(BigInt.asUintN(64, BigInt(value)))
    return this
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WireType.LENGTH_DELIMITED)
    this.rawVarint(BigInt(value.length))
    this.reserve(value.length)
    this.buffer.set(value, this.length)
    this.length += value.length
    return this
  }

  string(field: number, value: string): this {
    return this.bytes(field, textEncoder.encode(value))
  }

  message(field: number, write: (writer: ProtoWriter) => void): this {
    const inner = new ProtoWriter()
    write(inner)
    return this.bytes(field, inner.finish())
  }

  fixed32(field: number, value: number): this {
    this.tag(field, WireType.FIXED32)
    for (let i = 0; i < 4; i++) this.push((value >>> (8 * i)) & 0xff)
    return this
  }

  fixed64(field: number, value: bigint): this {
    this.tag(field, WireType.FIXED64)
    const unsigned = BigInt.asUintN(64, value)
    for (let i = 0n; i < 8n; i++) this.push(Number((unsigned >> (8n * i)) & 0xffn))
    return this
  }

  /** Proto3 implicit presence: a field equal to its default value is not written. */
  optionalString(field: number, value: string | undefined): this {
    return value ? this.string(field, value) : this
  }

  optionalVarint(field: number, value: number | bigint | boolean | undefined): this {
    if (value === undefined || value === false || value === 0 || value === 0n) return this
    return this.varint(field, value === true ? 1 : value)
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length)
  }

  private push(byte: number): void {
    this.reserve(1)
    this.buffer[this.length++] = byte
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra))
    grown.set(this.buffer.subarray(0, this.length))
    this.buffer = grown
  }

  private tag(field: number, wireType: number): void {
    this.rawVarint(BigInt(field) * 8n + BigInt(wireType))
  }

  private rawVarint(value: bigint): void {
    let rest = value
    while (rest >= 0x80n) {
      this.push(Number(rest & 0x7fn) | 0x80)
      rest >>= 7n
    }
    this.push(Number(rest))
  }
}
