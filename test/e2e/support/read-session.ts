import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SessionFileLine } from '../../../src/session/session-file.js'
import type { SessionStart, SessionSummary, TestRecord } from '../../../src/session/test-record.js'

export interface SessionContents {
  readonly file: string
  readonly session: SessionStart
  readonly tests: TestRecord[]
  readonly summary: SessionSummary | undefined
}

/** Every session file written under `dir`, decoded. */
export function readSessions(dir: string): SessionContents[] {
  const sessionDir = join(dir, '.vitest-wandb')
  let names: string[]
  try {
    names = readdirSync(sessionDir).filter((name) => name.endsWith('.jsonl'))
  } catch {
    return []
  }
  return names.sort().map((name) => decode(join(sessionDir, name)))
}

/** The one session written under `dir`; fails when there is none or more than one. */
export function readOnlySession(dir: string): SessionContents {
  const sessions = readSessions(dir)
  if (sessions.length !== 1)
    throw new Error(`expected one session file in ${dir}, found ${sessions.length}`)
  return sessions[0] as SessionContents
}

function decode(file: string): SessionContents {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as SessionFileLine)
  const header = lines[0]
  if (header?.kind !== 'session') throw new Error(`${file} does not start with a session line`)
  const tests = lines.filter(
    (line): line is Extract<SessionFileLine, { kind: 'test' }> => line.kind === 'test',
  )
  const summary = lines.find(
    (line): line is Extract<SessionFileLine, { kind: 'summary' }> => line.kind === 'summary',
  )
  return { file, session: header, tests, summary }
}

/** The record of the test named `name`; fails when there is not exactly one. */
export function testNamed(session: SessionContents, name: string): TestRecord {
  const found = session.tests.filter((test) => test.name === name)
  if (found.length !== 1) {
    throw new Error(
      `expected one record named "${name}", found ${found.length}: ${session.tests.map((t) => t.name).join(', ')}`,
    )
  }
  return found[0] as TestRecord
}
