const TABLE = buildTable()

function buildTable(): Uint32Array {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
}

/**
 * The standard (zlib) CRC-32, continued from `previous`; own code because `zlib.crc32` only
 * exists from Node 20.15 and the package supports 20.12.
 */
export function crc32(data: Uint8Array, previous = 0): number {
  let crc = ~previous >>> 0
  for (const byte of data) crc = (TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8)
  return ~crc >>> 0
}
