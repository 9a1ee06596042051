import { existsSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pruneSessionFiles } from '../../src/session/prune-session-files.js'
import { captureWarnings } from '../support/warnings.js'

/** A folder of session files written one minute apart, oldest first, and a few other files. */
function sessionDir(count: number): { dir: string; names: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'prune-'))
  const names = Array.from(
    { length: count },
    (_, index) => `session-20260102-03040${index}-abc${index}.jsonl`,
  )
  names.forEach((name, index) => {
    writeFileSync(join(dir, name), '{}\n')
    const at = new Date(Date.UTC(2026, 0, 2, 3, index))
    utimesSync(join(dir, name), at, at)
  })
  for (const other of ['latest', 'baseline.jsonl', 'session-baseline.jsonl', 'notes.txt'])
    writeFileSync(join(dir, other), '')
  return { dir, names }
}

describe('pruneSessionFiles', () => {
  const warnings = captureWarnings()

  it('keeps the newest session files, the current one among them, and deletes no file it did not name', () => {
    const { dir, names } = sessionDir(6)
    pruneSessionFiles(dir, 3, names[5]!)
    expect(readdirSync(dir).sort()).toEqual(
      ['baseline.jsonl', 'latest', 'notes.txt', 'session-baseline.jsonl', ...names.slice(3)].sort(),
    )
    expect(warnings).toEqual([])
  })

  it('never deletes the current session file, even when others look newer', () => {
    const { dir, names } = sessionDir(4)
    pruneSessionFiles(dir, 2, names[0]!)
    expect(
      readdirSync(dir)
        .filter((name) => name.startsWith('session-2'))
        .sort(),
    ).toEqual([names[0], names[3]])
  })

  it('orders files written within the same second by the millisecond', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prune-'))
    const second = Date.UTC(2026, 0, 2, 3, 4, 5)
    const names = ['session-20260102-030405-ffff.jsonl', 'session-20260102-030405-aaaa.jsonl']
    names.forEach((name, index) => {
      writeFileSync(join(dir, name), '')
      const at = new Date(second + 100 * (index + 1))
      utimesSync(join(dir, name), at, at)
    })
    pruneSessionFiles(dir, 2, 'session-20260102-030406-cccc.jsonl')
    expect(existsSync(join(dir, names[0]!))).toBe(false)
    expect(existsSync(join(dir, names[1]!))).toBe(true)
  })

  it('deletes nothing while there are no more than it keeps, and warns instead of throwing', () => {
    const { dir, names } = sessionDir(3)
    pruneSessionFiles(dir, 3, names[2]!)
    expect(readdirSync(dir)).toHaveLength(7)
    expect(() => pruneSessionFiles(join(dir, 'missing'), 1, 'x')).not.toThrow()
    expect(warnings).toEqual([
      expect.stringMatching(
        /^vitest-wandb: could not delete old session files in .*missing: Error: ENOENT/,
      ),
    ])
  })
})
