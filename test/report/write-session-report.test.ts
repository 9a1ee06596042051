import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RemoteSessions, RemoteSpec } from '../../src/compare/remote-spec.js'
import { DEFAULT_REPORT_FILE, writeSessionReport } from '../../src/report/index.js'
import { DATA_ELEMENT_ID } from '../../src/report/report-data.js'
import type { ReportData } from '../../src/report/report-data.js'
import { ragTrace, record, writeSessionFile } from '../compare/support/sessions.js'

const dir = mkdtempSync(join(tmpdir(), 'write-session-report-'))
const BASE = writeSessionFile(join(dir, 'base.jsonl'), [
  record('answers', { traces: [ragTrace()] }),
])
const HEAD = writeSessionFile(join(dir, 'head.jsonl'), [
  record('answers', { traces: [ragTrace(['rerank'])] }),
])

function dataIn(file: string): ReportData {
  const html = readFileSync(file, 'utf8')
  const pattern = new RegExp(
    `<script type="application/json" id="${DATA_ELEMENT_ID}">(.*?)</script>`,
    's',
  )
  return JSON.parse(pattern.exec(html)?.[1] ?? 'null') as ReportData
}

describe('writeSessionReport', () => {
  it('writes the report of a session file, making its folder, and gives the path', async () => {
    const out = join(dir, 'deep', 'er', 'report.html')
    expect(await writeSessionReport({ session: HEAD, out })).toEqual({ ok: true, value: out })
    expect(dataIn(out)).toMatchObject({
      session: { source: HEAD },
      baseline: null,
      comparison: null,
    })
    expect(DEFAULT_REPORT_FILE).toBe(join('.vitest-wandb', 'report.html'))
  })

  it('compares with a baseline given as a path, or as a W&B source read through `remote`', async () => {
    const local = join(dir, 'local.html')
    expect((await writeSessionReport({ session: HEAD, baseline: BASE, out: local })).ok).toBe(true)
    expect(dataIn(local).tests[0]?.change?.kinds).toEqual(['outline'])
    const asked: RemoteSpec[] = []
    const remote: RemoteSessions = {
      fetch: async (spec) => {
        asked.push(spec)
        return { ok: true, value: BASE }
      },
    }
    const fetched = join(dir, 'fetched.html')
    const written = await writeSessionReport({
      session: HEAD,
      baseline: 'branch:main',
      out: fetched,
      remote,
    })
    expect(written.ok).toBe(true)
    expect(asked).toEqual([{ kind: 'branch', branch: 'main' }])
    expect(dataIn(fetched).baseline?.source).toBe('branch:main')
  })

  it('says which input failed, and writes nothing', async () => {
    const out = join(dir, 'never.html')
    expect(await writeSessionReport({ session: join(dir, 'none.jsonl'), out })).toEqual({
      ok: false,
      reason: `session: ${join(dir, 'none.jsonl')} is not a file or folder here, nor a W&B run (entity/project/runId, a run URL, or branch:<name>)`,
    })
    expect(await writeSessionReport({ session: HEAD, baseline: 'branch:main', out })).toEqual({
      ok: false,
      reason: 'baseline: could not get the session of branch:main: W&B sources are not read here',
    })
    const notes = join(dir, 'notes.txt')
    writeFileSync(notes, 'hello\n')
    expect(await writeSessionReport({ session: notes, out })).toEqual({
      ok: false,
      reason: `session: ${notes} is not a session file: line 1 is not JSON`,
    })
    expect(existsSync(out)).toBe(false)
  })

  it('says why the file could not be written', async () => {
    const blocked = join(dir, 'blocked')
    writeFileSync(blocked, '')
    const written = await writeSessionReport({ session: HEAD, out: join(blocked, 'report.html') })
    expect(written).toEqual({
      ok: false,
      reason: `could not write ${join(blocked, 'report.html')} (EEXIST: a file is in the way)`,
    })
  })
})
