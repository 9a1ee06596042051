import type { SessionStart, SessionSummary, TestRecord } from './test-record.js'

/** The lines of a local session file (JSON Lines): one header, one line per test, one summary. */
export type SessionFileLine =
  | ({ readonly kind: 'session'; readonly version: 1 } & SessionStart)
  | ({ readonly kind: 'test' } & TestRecord)
  | ({ readonly kind: 'summary' } & SessionSummary)

export const SESSION_FILE_VERSION = 1
export const SESSION_DIR_NAME = '.vitest-wandb'
/** Session files a project keeps by default; older ones are deleted as new ones are written. */
export const DEFAULT_KEEP_SESSION_FILES = 20
/** The run file a W&B run keeps its session file in (under `files/` in a run folder). */
export const SESSION_RUN_FILE = 'vitest-wandb/session.jsonl'
/** Names the newest session file of a project, so tools can find it without a path. */
export const LATEST_POINTER_NAME = 'latest'

/** One line of a session file, newline included. */
export function sessionFileLine(line: SessionFileLine): string {
  return `${JSON.stringify(line)}\n`
}

/** A test record as a session file line. */
export function testRecordLine(record: TestRecord): string {
  return sessionFileLine({ kind: 'test', ...record })
}
