import { randomBytes } from 'node:crypto'
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'

const CHUNK_BYTES = 1024 * 1024
const noise = randomBytes(CHUNK_BYTES)
let chunks = 0

/** Writes `bytes` of random-looking data, each chunk stamped with a counter so no two are alike. */
export function writeBenchFile(path: string, bytes: number): void {
  mkdirSync(dirname(path), { recursive: true })
  const fd = openSync(path, 'w')
  try {
    for (let offset = 0; offset < bytes; offset += CHUNK_BYTES) {
      chunks += 1
      noise.writeUInt32LE(chunks, 0)
      writeSync(fd, noise, 0, Math.min(CHUNK_BYTES, bytes - offset))
    }
  } finally {
    closeSync(fd)
  }
}

/** `count` files of `bytesEach` under a fresh `dir`, ten folders of them; returns their paths. */
export function writeBenchFiles(dir: string, count: number, bytesEach: number): string[] {
  rmSync(dir, { recursive: true, force: true })
  return Array.from({ length: count }, (_, file) => {
    const path = join(dir, `shard-${file % 10}`, `part-${file}.bin`)
    writeBenchFile(path, bytesEach)
    return path
  })
}
