import { ProtobufDecodeError, readFields, toInt32, toSafeInteger, toText } from './protobuf.js'
import type { ProtoField } from './protobuf.js'

/** Typed access to the fields of one decoded message; absent fields read as proto3 defaults. */
export class MessageFields {
  private constructor(private readonly fields: ProtoField[]) {}

  static of(bytes: Uint8Array): MessageFields {
    return new MessageFields(readFields(bytes))
  }

  string(field: number): string | undefined {
    const found = this.last(field)
    return found && toText(bytesOf(found))
  }

  /** A repeated string field, or undefined when it has no element. */
  strings(field: number): string[] | undefined {
    return nonEmpty(this.all(field).map((f) => toText(bytesOf(f))))
  }

  message<T>(field: number, decode: (bytes: Uint8Array) => T): T | undefined {
    const found = this.last(field)
    return found && decode(bytesOf(found))
  }

  messages<T>(field: number, decode: (bytes: Uint8Array) => T): T[] {
    return this.all(field).map((f) => decode(bytesOf(f)))
  }

  int64(field: number): number {
    const found = this.last(field)
    return found ? toSafeInteger(varintOf(found)) : 0
  }

  int32(field: number): number {
    const found = this.last(field)
    return found ? toInt32(varintOf(found)) : 0
  }

  /** True when set, undefined otherwise, so that an unset flag stays absent from the object. */
  flag(field: number): true | undefined {
    const found = this.last(field)
    return found && varintOf(found) !== 0n ? true : undefined
  }

  /** The last occurrence wins, as protobuf specifies for singular fields. */
  private last(field: number): ProtoField | undefined {
    return this.fields.findLast((f) => f.field === field)
  }

  private all(field: number): ProtoField[] {
    return this.fields.filter((f) => f.field === field)
  }
}

export function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined
}

/** Drops properties whose value is undefined, so decoded objects only hold what was written. */
export function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

function varintOf(field: ProtoField): bigint {
  if (field.wireType !== 0) throw wireTypeError(field, 'a varint')
  return field.value
}

function bytesOf(field: ProtoField): Uint8Array {
  if (field.wireType !== 2) throw wireTypeError(field, 'length-delimited')
  return field.value
}

function wireTypeError(field: ProtoField, expected: string): ProtobufDecodeError {
  return new ProtobufDecodeError(
    `field ${field.field} has wire type ${field.wireType}, expected ${expected}`,
  )
}
