import { SESSION_FILE_VERSION } from '../session/session-file.js'
import type { Result } from './result.js'
import { forEachSessionLine } from './session-lines.js'
import type { SessionDigest } from './session-digest.js'
import { readSessionLine } from './session-line.js'
import type { SessionHeader } from './session-line.js'
import type { SessionTotals } from './session-totals.js'
import { totalsOfTests } from './session-totals.js'
import { digestTest } from './test-digest.js'
import type { TestDigest, TestLine } from './test-digest.js'

interface Reading {
  header: SessionHeader | undefined
  readonly tests: Map<string, TestDigest>
  totals: SessionTotals | undefined
  duplicates: number
}

/**
 * Reads a session file line by line, keeping a digest of each test and never its traces, so a
 * session of any size fits in memory. `source` is how the input is named to the user.
 */
export async function readSession(file: string, source: string): Promise<Result<SessionDigest>> {
  const reading: Reading = { header: undefined, tests: new Map(), totals: undefined, duplicates: 0 }
  const read = await forEachSessionLine(file, (text, number) => readLine(reading, text, number))
  if (!read.ok) return read
  const { header, tests, totals, duplicates } = reading
  if (header === undefined) return { ok: false, reason: `${file} is empty: not a session file` }
  const complete = totals !== undefined
  const value = { source, file, header, tests, totals: totals ?? totalsOfTests(tests.values()) }
  return { ok: true, value: { ...value, complete, duplicates } }
}

/** Takes one line into `reading`; says what is wrong with it, if anything. */
function readLine(reading: Reading, text: string, number: number): string | undefined {
  const line = readSessionLine(text)
  if (reading.header === undefined) {
    if (!line.ok) return `is not a session file: line ${number} ${line.reason}`
    if (line.value.kind !== 'session')
      return `is not a session file: line ${number} is not a session header`
  }
  if (!line.ok) return `line ${number} ${line.reason}`
  switch (line.value.kind) {
    case 'session':
      if (reading.header !== undefined)
        return `line ${number} starts a second session: compare session files one at a time`
      if (line.value.version > SESSION_FILE_VERSION)
        return `is a version ${line.value.version} session file, newer than this vitest-wandb reads (version ${SESSION_FILE_VERSION}); update vitest-wandb`
      reading.header = line.value.header
      return undefined
    case 'test':
      return addTest(reading, line.value.test, number)
    case 'summary':
      reading.totals = line.value.totals
      return undefined
    case 'other':
      return undefined
  }
}

function addTest(reading: Reading, test: TestLine, number: number): string | undefined {
  let digest: TestDigest
  try {
    digest = digestTest(test)
  } catch {
    return `line ${number} holds traces that are not span trees`
  }
  if (reading.tests.has(digest.id)) reading.duplicates += 1
  reading.tests.set(digest.id, digest)
  return undefined
}
