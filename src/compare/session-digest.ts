import type { SessionHeader } from './session-line.js'
import type { SessionTotals } from './session-totals.js'
import type { TestDigest } from './test-digest.js'

/** What a comparison keeps of one session: its facts, totals, and a digest of each test. */
export interface SessionDigest {
  /** The input as the user gave it: a path, a run path, `branch:main`. */
  readonly source: string
  /** The session file read for it. */
  readonly file: string
  readonly header: SessionHeader
  /** By test id; a test recorded twice is its last record. */
  readonly tests: ReadonlyMap<string, TestDigest>
  readonly totals: SessionTotals
  /** False when the file has no summary line (its process was killed): totals come from its tests. */
  readonly complete: boolean
  /** Test lines replaced by a later line of the same test. */
  readonly duplicates: number
}
