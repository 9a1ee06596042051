import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'

export interface FileDigest {
  /** Base64 md5 of the bytes read. */
  readonly digest: string
  readonly size: number
  readonly mtimeMs: number
}

export const DIGEST_CHUNK_BYTES = 1024 * 1024

/**
 * Hashes a file in one pass through `buffer`, so memory stays at one chunk whatever its size. Reads
 * stop at the size the file had when opened.
 */
export async function digestFile(path: string, buffer: Buffer): Promise<FileDigest> {
  const handle = await open(path, 'r')
  try {
    const { size, mtimeMs } = await handle.stat()
    const hash = createHash('md5')
    let read = 0
    while (read < size) {
      const wanted = Math.min(buffer.length, size - read)
      const { bytesRead } = await handle.read(buffer, 0, wanted, read)
      if (bytesRead === 0) break
      hash.update(buffer.subarray(0, bytesRead))
      read += bytesRead
    }
    return { digest: hash.digest('base64'), size: read, mtimeMs }
  } finally {
    await handle.close()
  }
}
