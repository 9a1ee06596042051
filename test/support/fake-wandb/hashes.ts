import { createHash } from 'node:crypto'

export function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex')
}

export function md5Base64(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('base64')
}

export function base64ToHex(base64: string): string {
  return Buffer.from(base64, 'base64').toString('hex')
}

/** W&B node ids are base64 of "Type:parts"; tests only need them unique and realistic. */
export function nodeId(type: string, ...parts: Array<string | number>): string {
  return Buffer.from([type, ...parts].join(':')).toString('base64')
}
