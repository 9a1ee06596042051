import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { fileSystemReason } from '../file-system-reason.js'
import type { Result } from './result.js'

/**
 * Streams `file` a line at a time, blank lines skipped, so a session of any size can be read;
 * `take` says what is wrong with a line (`line 12 is not JSON`), which ends the reading.
 */
export async function forEachSessionLine(
  file: string,
  take: (text: string, number: number) => string | undefined,
): Promise<Result<void>> {
  const input = createReadStream(file)
  const lines = createInterface({ input, crlfDelay: Infinity })
  let number = 0
  try {
    for await (const text of lines) {
      number += 1
      if (text.trim() === '') continue
      const trouble = take(text, number)
      if (trouble !== undefined) return { ok: false, reason: `${file} ${trouble}` }
    }
  } catch (error) {
    return { ok: false, reason: `${file} ${unreadable(error)}` }
  } finally {
    lines.close()
    input.destroy()
  }
  return { ok: true, value: undefined }
}

function unreadable(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'ENOENT') return 'does not exist'
  if (code === 'EISDIR') return 'is a folder, not a session file'
  return `cannot be read (${fileSystemReason(error)})`
}
