import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { SessionFileLine } from '../../src/session/session-file.js'

/** Reads a session file line by line, so a large session never sits in memory whole. */
export async function* readSessionFile(path: string): AsyncGenerator<SessionFileLine> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })
  let lineNumber = 0
  for await (const line of lines) {
    lineNumber += 1
    if (line.trim() === '') continue
    try {
      yield JSON.parse(line) as SessionFileLine
    } catch {
      throw new Error(
        `${path}:${lineNumber} is not a session file line (not JSON); was the file cut short or edited?`,
      )
    }
  }
}
