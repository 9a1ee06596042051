import { writeFileSync } from 'node:fs'
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
  sessionFileLine,
  testRecordLine,
} from './session-file.js'
import { SessionFileWriter } from './session-file-writer.js'
import type { SessionStart, SessionSummary, TestRecord } from './test-record.js'

/**
 * Writes a session as one JSON Lines file under `<root>/.vitest-wandb/`, a line per test as it
 * finishes: nothing is held in memory, and a killed run keeps every test that finished. Once done,
 * `latest` names it, and only the newest `keepFiles` session files stay.
 */
export class SessionFileSink implements SessionSink {
  readonly label = 'session file'
  private writer: SessionFileWriter | undefined
  private dir = ''

  constructor(private readonly keepFiles: number = DEFAULT_KEEP_SESSION_FILES) {}

  async start(session: SessionStart): Promise<void> {
    this.dir = join(session.root, SESSION_DIR_NAME)
    try {
      this.writer = SessionFileWriter.create(sessionFilePath(session))
    } catch (error) {
      throw new ExplainedError({
        what: `could not create the session file in ${displayPath(this.dir)} (${fileSystemReason(error)})`,
        fix: `make ${SESSION_DIR_NAME}/ in the project a folder that can be written, or turn the session file off with wandb({ sessionFile: false })`,
      })
    }
    this.writer.write(
      sessionFileLine({ kind: 'session', version: SESSION_FILE_VERSION, ...session }),
    )
  }

  write(record: TestRecord, asLine: () => string = () => testRecordLine(record)): void {
    this.openWriter().write(asLine())
  }

  async finish(summary: SessionSummary): Promise<SinkReport | undefined> {
    const writer = this.writer
    if (writer === undefined || !writer.isOpen) return undefined
    writer.write(sessionFileLine({ kind: 'summary', ...summary }))
    writer.close()
    const name = basename(writer.path)
    writeFileSync(join(this.dir, LATEST_POINTER_NAME), `${name}\n`)
    pruneSessionFiles(this.dir, this.keepFiles, name)
    return { label: 'session file', location: displayPath(writer.path) }
  }

  private openWriter(): SessionFileWriter {
    if (this.writer === undefined) throw new Error('the session file is not open')
    return this.writer
  }
}

/** Where the session file of `session` is written. */
export function sessionFilePath(
  session: Pick<SessionStart, 'root' | 'startedAtMs' | 'id'>,
): string {
  return join(session.root, SESSION_DIR_NAME, sessionFileName(session))
}

function sessionFileName(session: Pick<SessionStart, 'startedAtMs' | 'id'>): string {
  const stamp = new Date(session.startedAtMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace('T', '-')
    .slice(0, 15)
  return `session-${stamp}-${session.id}.jsonl`
}
