import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs'
import { basename, join } from 'node:path'
import { displayPath } from '../display-path.js'
import { fileSystemReason } from '../file-system-reason.js'
import { ExplainedError } from '../problem.js'
import type { SessionSink, SinkReport } from './session-sink.js'
import { pruneSessionFiles } from './prune-session-files.js'
import {
  DEFAULT_KEEP_SESSION_FILES,
  LATEST_POINTER_NAME,
  SESSION_DIR_NAME,
  SESSION_FILE_VERSION,
} from './session-file.js'
import type { SessionFileLine } from './session-file.js'
import type { SessionStart, SessionSummary, TestRecord } from './test-record.js'

/**
 * Writes a session as one JSON Lines file under `<root>/.vitest-wandb/`, a line per test as it
 * finishes: nothing is held in memory, and a killed run keeps every test that finished. Once done,
 * `latest` names it, and only the newest `keepFiles` session files stay.
 */
export class SessionFileSink implements SessionSink {
  readonly label = 'session file'
  private fd: number | undefined
  private path: string | undefined
  private dir = ''

  constructor(private readonly keepFiles: number = DEFAULT_KEEP_SESSION_FILES) {}

  async start(session: SessionStart): Promise<void> {
    this.dir = join(session.root, SESSION_DIR_NAME)
    this.path = join(this.dir, sessionFileName(session))
    try {
      mkdirSync(this.dir, { recursive: true })
      this.fd = openSync(this.path, 'w')
    } catch (error) {
      throw new ExplainedError({
        what: `could not create the session file in ${displayPath(this.dir)} (${fileSystemReason(error)})`,
        fix: `make ${SESSION_DIR_NAME}/ in the project a folder that can be written, or turn the session file off with wandb({ sessionFile: false })`,
      })
    }
    this.writeLine({ kind: 'session', version: SESSION_FILE_VERSION, ...session })
  }

  write(record: TestRecord): void {
    this.writeLine({ kind: 'test', ...record })
  }

  async finish(summary: SessionSummary): Promise<SinkReport | undefined> {
    if (this.fd === undefined || this.path === undefined) return undefined
    this.writeLine({ kind: 'summary', ...summary })
    closeSync(this.fd)
    this.fd = undefined
    const name = basename(this.path)
    writeFileSync(join(this.dir, LATEST_POINTER_NAME), `${name}\n`)
    pruneSessionFiles(this.dir, this.keepFiles, name)
    return { label: 'session file', location: displayPath(this.path) }
  }

  private writeLine(line: SessionFileLine): void {
    if (this.fd === undefined) throw new Error('the session file is not open')
    writeSync(this.fd, `${JSON.stringify(line)}\n`)
  }
}

function sessionFileName(session: SessionStart): string {
  const stamp = new Date(session.startedAtMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace('T', '-')
    .slice(0, 15)
  return `session-${stamp}-${session.id}.jsonl`
}
